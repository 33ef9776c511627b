// in: vColour, vStyle (mode, LUT row, LUT t, radius), vLocal (offset from centre, half size)
// uniforms: uLut (colour maps, one row each), uLutRows
in vec4 vColour;
in vec4 vStyle;
in vec4 vLocal;

uniform sampler2D uLut;
uniform float uLutRows;

out vec4 fragColour;

void main() {
  vec4 colour = vColour;
  if (vStyle.y >= 0.0) colour.rgb = texture(uLut, vec2(vStyle.z, (vStyle.y + 0.5) / uLutRows)).rgb;
  float radius = vStyle.w;
  if (radius > 0.0) {
    vec2 q = abs(vLocal.xy) - (vLocal.zw - radius);
    float d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0) - radius;
    float w = max(fwidth(d), 1e-5);
    colour.a *= clamp(0.5 - d / w, 0.0, 1.0);
  }
  if (colour.a < 0.003) discard;
  fragColour = vec4(colour.rgb * colour.a, colour.a);
}
