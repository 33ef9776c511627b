// Anti-aliased lines of constant pixel width: each instance is one segment, expanded to a quad on screen.
// in:  aCorner (x: 0 start / 1 end, y: -1 / +1 side) per vertex; per instance aP0, aP1 (world),
//      aColour (straight alpha), aWidth (pixels)
// uniforms: uViewProjection, uViewport (pixels), uDepthBias (clip-space z pulled toward the eye, times w)
layout(location = 0) in vec2 aCorner;
layout(location = 1) in vec3 aP0;
layout(location = 2) in vec3 aP1;
layout(location = 3) in vec4 aColour;
layout(location = 4) in float aWidth;

uniform mat4 uViewProjection;
uniform vec2 uViewport;
uniform float uDepthBias;

out vec4 vColour;
out float vAcross;     // pixels from the centre line
out float vHalfWidth;

void main() {
  vec4 c0 = uViewProjection * vec4(aP0, 1.0);
  vec4 c1 = uViewProjection * vec4(aP1, 1.0);
  const float nearW = 1e-3;
  if (c0.w < nearW && c1.w < nearW) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    return;
  }
  // Clip the segment against the eye plane so both ends project sensibly.
  if (c0.w < nearW) c0 = mix(c0, c1, (nearW - c0.w) / (c1.w - c0.w));
  if (c1.w < nearW) c1 = mix(c1, c0, (nearW - c1.w) / (c0.w - c1.w));
  vec2 s0 = c0.xy / c0.w * 0.5 * uViewport;
  vec2 s1 = c1.xy / c1.w * 0.5 * uViewport;
  vec2 dir = s1 - s0;
  float len = length(dir);
  dir = len > 1e-6 ? dir / len : vec2(1.0, 0.0);
  vec2 normal = vec2(-dir.y, dir.x);
  float extent = 0.5 * aWidth + 1.0;  // one extra pixel for the anti-aliased edge
  vec4 c = aCorner.x < 0.5 ? c0 : c1;
  vec2 s = (aCorner.x < 0.5 ? s0 - dir * 0.5 * aWidth : s1 + dir * 0.5 * aWidth) + normal * aCorner.y * extent;
  gl_Position = vec4(s / (0.5 * uViewport) * c.w, c.z - uDepthBias * c.w, c.w);
  vColour = aColour;
  vAcross = aCorner.y * extent;
  vHalfWidth = 0.5 * aWidth;
}
