// Channel tiles, instanced: every tile (and every slab's far-away mean image) of every slab in one draw.
// in:  aCorner (unit quad, 0..1, y up) per vertex; per instance
//      aRect  (world x0, y0, x1, y1 on the slab's front face),
//      aMeta  (face z, slab index, kind: TILE_* from renderer/TileKind.h, declared in the preamble, LUT row),
//      aBlock (texel x, y of cell (0,0), texture page, texels between RGB channels),
//      aCells (cell columns, rows, value range lo, hi), aTint (tint for TILE_TINTED_CHANNEL; w: brightness)
// uniforms: uViewProjection, uEye, uFades (RGBA32F, one column per slab; row 0: x overview, y tiles; row 1:
//           x front face z, y back face z)
// A tile is printed on the face the eye sees: seen from behind (eye beyond the back face) it moves to the back
// face, mirrored inside its own rectangle so the map reads as it does from the front.
layout(location = 0) in vec2 aCorner;
layout(location = 1) in vec4 aRect;
layout(location = 2) in vec4 aMeta;
layout(location = 3) in vec4 aBlock;
layout(location = 4) in vec4 aCells;
layout(location = 5) in vec4 aTint;

uniform mat4 uViewProjection;
uniform vec3 uEye;
uniform sampler2D uFades;

out vec2 vLocal;  // 0..1 across the tile, (0,0) top-left as in an image
flat out vec4 vMeta;
flat out vec4 vBlock;
flat out vec4 vCells;
flat out vec4 vTint;
flat out float vAlpha;

void main() {
  int slab = int(aMeta.y + 0.5);
  vec2 faces = texelFetch(uFades, ivec2(slab, 1), 0).xy;
  bool fromBehind = uEye.z < faces.y;
  vec2 corner = fromBehind ? vec2(1.0 - aCorner.x, aCorner.y) : aCorner;
  float z = fromBehind ? faces.y - (aMeta.x - faces.x) : aMeta.x;
  vec3 world = vec3(mix(aRect.xy, aRect.zw, corner), z);
  gl_Position = uViewProjection * vec4(world, 1.0);
  vLocal = vec2(aCorner.x, 1.0 - aCorner.y);
  vMeta = aMeta;
  vBlock = aBlock;
  vCells = aCells;
  vTint = aTint;
  vec4 fades = texelFetch(uFades, ivec2(slab, 0), 0);
  int kind = int(aMeta.z + 0.5);
  vAlpha = (kind == TILE_MEAN_HEAT_MAP || kind == TILE_RGB_COMPOSITE) ? 1.0 - fades.y : fades.y;
  if (vAlpha < 0.002) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // fully faded: skip rasterising
}
