// Samples the map bilinearly from the atlas and colours it with the heat LUT: transparent where it is 0 but
// for a veil that dims the tiles under the map.
// uniforms: uHeat (R32F atlas, 1-texel replicated border around each map), uAtlasSize,
//           uLut (256×1 RGBA8: the heat colours, and in alpha how opaque each level is drawn)
in vec2 vLocal;
flat in vec4 vBlock;
flat in float vAlpha;

uniform sampler2D uHeat;
uniform vec2 uAtlasSize;
uniform sampler2D uLut;

out vec4 fragColour;

void main() {
  vec2 texel = vBlock.xy + vLocal * vBlock.zw;
  float t = clamp(texture(uHeat, texel / uAtlasSize).r, 0.0, 1.0);
  vec4 heat = texture(uLut, vec2((t * 255.0 + 0.5) / 256.0, 0.5));
  vec3 colour = heat.rgb;
  float alpha = vAlpha * heat.a;
  // A light veil dims the activation colours underneath, so the heat reads as the brightest thing there.
  float veil = vAlpha * 0.45;
  fragColour = vec4(colour * alpha, alpha + veil * (1.0 - alpha));  // premultiplied
}
