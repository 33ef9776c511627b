// Signed-distance-field text with a soft dark halo for legibility over bright heat maps.
// in: vUv, vColour, vHalo (its strength; negative: a light halo, for dark text on the light theme);
// uniforms: uAtlas (R8 SDF, 0.5 = glyph edge), uSpread (SDF spread / font px height)
in vec2 vUv;
in vec4 vColour;
in float vHalo;

uniform sampler2D uAtlas;
uniform float uSpread;

out vec4 fragColour;

void main() {
  float d = texture(uAtlas, vUv).r;
  float w = max(fwidth(d), 1e-4);
  float fill = smoothstep(0.5 - 0.7 * w, 0.5 + 0.7 * w, d);
  // Halo about 2 screen pixels wide, limited by how far the baked field reaches.
  float haloEdge = max(0.5 - 2.2 * w, 0.08);
  float halo = abs(vHalo) * smoothstep(haloEdge - w, haloEdge + w, d);
  vec3 haloColour = vHalo < 0.0 ? vec3(0.97, 0.975, 0.985) : vec3(0.02, 0.025, 0.035);
  float alpha = max(fill, halo * 0.85) * vColour.a;
  vec3 colour = mix(haloColour, vColour.rgb, fill / max(max(fill, halo * 0.85), 1e-4));
  if (alpha < 0.003) discard;
  fragColour = vec4(colour * alpha, alpha);  // premultiplied
}
