// Channel tiles: every tile (and every slab's far-away mean image) of every slab in one plain draw of 6
// vertices a tile, each tile's data read from uTiles by gl_VertexID (renderer/SceneGeometry.cpp says why
// this is not instanced). Five RGBA32F texels a tile, rows of 4096:
//      rect  (world x0, y0, x1, y1 on the slab's front face),
//      meta  (face z, slab index, kind: TILE_* from renderer/TileKind.h, declared in the preamble, LUT row),
//      block (texel x, y of cell (0,0), texture page, texels between RGB channels),
//      cells (cell columns, rows, value range lo, hi), tint (tint for TILE_TINTED_CHANNEL; w: brightness)
// uniforms: uViewProjection, uEye, uTiles, uFades (RGBA32F, one column per slab; row 0: x overview, y tiles;
//           row 1: x front face z, y back face z)
// A tile is printed on the face the eye sees: seen from behind (eye beyond the back face) it moves to the back
// face, mirrored inside its own rectangle so the map reads as it does from the front.
uniform mat4 uViewProjection;
uniform vec3 uEye;
uniform sampler2D uFades;
uniform sampler2D uTiles;

out vec2 vLocal;  // 0..1 across the tile, (0,0) top-left as in an image
flat out vec4 vMeta;
flat out vec4 vBlock;
flat out vec4 vCells;
flat out vec4 vTint;
flat out float vAlpha;

vec4 tileTexel(int index) { return texelFetch(uTiles, ivec2(index & 4095, index >> 12), 0); }

void main() {
  int tile = gl_VertexID / 6, corner = gl_VertexID - 6 * tile;
  // Two triangles over the unit square: (0,0) (1,0) (1,1) and (0,0) (1,1) (0,1).
  vec2 aCorner = vec2(corner == 1 || corner == 2 || corner == 4 ? 1.0 : 0.0,
                      corner == 2 || corner == 4 || corner == 5 ? 1.0 : 0.0);
  vec4 aRect = tileTexel(5 * tile), aMeta = tileTexel(5 * tile + 1);
  int slab = int(aMeta.y + 0.5);
  vec2 faces = texelFetch(uFades, ivec2(slab, 1), 0).xy;
  bool fromBehind = uEye.z < faces.y;
  vec2 at = fromBehind ? vec2(1.0 - aCorner.x, aCorner.y) : aCorner;
  float z = fromBehind ? faces.y - (aMeta.x - faces.x) : aMeta.x;
  vec3 world = vec3(mix(aRect.xy, aRect.zw, at), z);
  gl_Position = uViewProjection * vec4(world, 1.0);
  vLocal = vec2(aCorner.x, 1.0 - aCorner.y);
  vMeta = aMeta;
  vBlock = tileTexel(5 * tile + 2);
  vCells = tileTexel(5 * tile + 3);
  vTint = tileTexel(5 * tile + 4);
  vec4 fades = texelFetch(uFades, ivec2(slab, 0), 0);
  int kind = int(aMeta.z + 0.5);
  vAlpha = (kind == TILE_MEAN_HEAT_MAP || kind == TILE_RGB_COMPOSITE) ? 1.0 - fades.y : fades.y;
  if (vAlpha < 0.002) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // fully faded: skip rasterising
}
