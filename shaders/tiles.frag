// Colour-maps activation values in the shader; draws cell borders once cells are large on screen.
// Built twice (SceneRenderer::drawTiles): with RGB_COMPOSITE_TILES for the RGB inputs' far views (three fetches
// a pixel), without it for every other tile (one fetch and one colour-map lookup). llvmpipe runs both sides
// of a branch for every pixel, so one program branching on the kind paid for all of them: ~3 ms at 1080p.
// in:  vLocal, vMeta, vBlock, vCells, vTint, vAlpha (see tiles.vert)
// uniforms: uValues (R32F/R16F texture array of activations), uLut (colour maps, one row each), uLutRows,
//           uEmpty (colour of a cell holding no value), uSmoothEdges (1: anti-alias tile outlines in the shader)
in vec2 vLocal;
flat in vec4 vMeta;
flat in vec4 vBlock;
flat in vec4 vCells;
flat in vec4 vTint;
flat in float vAlpha;

uniform sampler2DArray uValues;
uniform sampler2D uLut;
uniform float uLutRows;
uniform vec3 uEmpty;
uniform float uSmoothEdges;  // 1 for a single-sampled target, 0 when multisampled

out vec4 fragColour;

float fetchValue(ivec2 cell, int channel) {
  ivec3 texel = ivec3(int(vBlock.x) + cell.x + channel * int(vBlock.w), int(vBlock.y) + cell.y, int(vBlock.z));
  return texelFetch(uValues, texel, 0).r;
}

float normalised(float v) { return clamp((v - vCells.z) / max(vCells.w - vCells.z, 1e-20), 0.0, 1.0); }

void main() {
  vec2 cells = vCells.xy;
  vec2 cellCoord = vLocal * cells;
  ivec2 cell = clamp(ivec2(floor(cellCoord)), ivec2(0), ivec2(cells) - 1);
  vec3 colour;
  float v = fetchValue(cell, 0);
  bool empty = isnan(v);
#ifdef RGB_COMPOSITE_TILES
  colour = vec3(normalised(v), normalised(fetchValue(cell, 1)), normalised(fetchValue(cell, 2)));
#else
  // A channel of the input is tinted (grey: a white tint); any other tile takes its colour map's row.
  int kind = int(vMeta.z + 0.5);
  float tinted = (kind == TILE_TINTED_CHANNEL || kind == TILE_GREY) ? 1.0 : 0.0;
  float t = normalised(v);
  vec3 mapped = texture(uLut, vec2((t * 255.0 + 0.5) / 256.0, (vMeta.w + 0.5) / uLutRows)).rgb;
  colour = mix(mapped, vTint.rgb * t, tinted);
#endif
  if (empty) colour = uEmpty;
  colour *= vTint.w;

  // Cell borders fade in between ~7 and ~16 pixels per cell.
  vec2 perPixel = fwidth(cellCoord);
  float cellPixels = 1.0 / max(max(perPixel.x, perPixel.y), 1e-6);
  vec2 f = fract(cellCoord);
  vec2 edgeDistance = min(f, 1.0 - f) / max(perPixel, vec2(1e-6));
  float onEdge = 1.0 - clamp(min(edgeDistance.x, edgeDistance.y) - 0.25, 0.0, 1.0);
  colour *= 1.0 - 0.45 * onEdge * smoothstep(7.0, 16.0, cellPixels);

  // Without multisampling the tile's own outline is anti-aliased here: coverage from its distance in pixels.
  vec2 tileEdge = min(vLocal, 1.0 - vLocal) * cells / max(perPixel, vec2(1e-6));
  float coverage = mix(1.0, clamp(min(tileEdge.x, tileEdge.y) + 0.5, 0.0, 1.0), uSmoothEdges);
  float alpha = vAlpha * coverage;
  fragColour = vec4(colour * alpha, alpha);  // premultiplied
}
