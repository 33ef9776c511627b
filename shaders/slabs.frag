// in: vNormal, vColour, vWorld; uniforms: uEye, uLightDirection (towards the light)
flat in vec3 vNormal;  // unit, constant over each face
flat in vec4 vColour;
in vec3 vWorld;

uniform vec3 uEye;
uniform vec3 uLightDirection;

out vec4 fragColour;

void main() {
  vec3 n = vNormal;
  vec3 v = normalize(uEye - vWorld);
  float diffuse = max(dot(n, uLightDirection), 0.0);
  float facing = 1.0 - max(dot(n, v), 0.0);
  float rim = facing * facing * facing;  // pow() is costly in software rasterisers
  vec3 colour = vColour.rgb * (0.55 + 0.45 * diffuse) + vec3(0.05, 0.07, 0.1) * rim;
  fragColour = vec4(colour, 1.0);
}
