// Slab boxes, instanced: a unit cube scaled and placed per instance, lit by one soft key light.
// in:  aPosition, aNormal (unit cube, -0.5..0.5); per instance aCentre, aSize, aColour
// uniforms: uViewProjection, uEye, uLightDirection (towards the light)
// Each face is lit once, here, as seen from its centre, and filled flat: a per-pixel light cost a close-up
// ~3 ms of llvmpipe's time at 1080p (interpolating the world position over a face that fills the screen), for
// a rim term that moves the colour by under one level (of 255) across a face seen head-on.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec3 aCentre;
layout(location = 3) in vec3 aSize;
layout(location = 4) in vec4 aColour;

uniform mat4 uViewProjection;
uniform vec3 uEye;
uniform vec3 uLightDirection;

flat out vec4 vColour;  // lit, opaque

void main() {
  vec3 world = aCentre + aPosition * aSize;
  vec3 faceCentre = aCentre + 0.5 * aNormal * aSize;
  vec3 v = normalize(uEye - faceCentre);
  float diffuse = max(dot(aNormal, uLightDirection), 0.0);
  float facing = 1.0 - max(dot(aNormal, v), 0.0);
  float rim = facing * facing * facing;  // pow() is costly in software rasterisers
  vColour = vec4(aColour.rgb * (0.55 + 0.45 * diffuse) + vec3(0.05, 0.07, 0.1) * rim, 1.0);
  gl_Position = uViewProjection * vec4(world, 1.0);
}
