// Slab faces: the colour slabs.vert lit once per face.
flat in vec4 vColour;

out vec4 fragColour;

void main() { fragColour = vColour; }
