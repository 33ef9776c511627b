// Slab boxes, instanced: a unit cube scaled and placed per instance, lit by one soft key light.
// in:  aPosition, aNormal (unit cube, -0.5..0.5); per instance aCentre, aSize, aColour
// uniforms: uViewProjection, uEye
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec3 aCentre;
layout(location = 3) in vec3 aSize;
layout(location = 4) in vec4 aColour;

uniform mat4 uViewProjection;

flat out vec3 vNormal;
flat out vec4 vColour;
out vec3 vWorld;

void main() {
  vec3 world = aCentre + aPosition * aSize;
  vWorld = world;
  vNormal = aNormal;
  vColour = aColour;
  gl_Position = uViewProjection * vec4(world, 1.0);
}
