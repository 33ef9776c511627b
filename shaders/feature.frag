// Samples the channel's picture bilinearly from the atlas, opaque over the tile (premultiplied).
// uniforms: uPictures (RGBA8 atlas, 1-texel replicated border around each picture), uAtlasSize
in vec2 vLocal;
flat in vec4 vBlock;
flat in float vAlpha;

uniform sampler2D uPictures;
uniform vec2 uAtlasSize;

out vec4 fragColour;

void main() {
  vec2 texel = vBlock.xy + vLocal * vBlock.zw;
  vec3 colour = texture(uPictures, texel / uAtlasSize).rgb;
  fragColour = vec4(colour * vAlpha, vAlpha);
}
