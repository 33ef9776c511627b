// Feature visualizations over slab tiles, instanced (renderer/FeatureOverlayView.h).
// in:  aCorner (unit quad, 0..1, y up); per instance aRect (world x0, y0, x1, y1 on the slab's front face),
//      aMeta (face z, slab index, 1: always opaque), aBlock (atlas texel x, y of the picture's top-left pixel, width, height)
// uniforms: uViewProjection, uFades (per slab: y = its tiles' opacity, as in tiles.vert)
layout(location = 0) in vec2 aCorner;
layout(location = 1) in vec4 aRect;
layout(location = 2) in vec4 aMeta;
layout(location = 3) in vec4 aBlock;

uniform mat4 uViewProjection;
uniform sampler2D uFades;

out vec2 vLocal;  // 0..1 across the tile, (0,0) top-left as in an image
flat out vec4 vBlock;
flat out float vAlpha;

void main() {
  vec3 world = vec3(mix(aRect.xy, aRect.zw, aCorner), aMeta.x);
  gl_Position = uViewProjection * vec4(world, 1.0);
  vLocal = vec2(aCorner.x, 1.0 - aCorner.y);
  vBlock = aBlock;
  vAlpha = aMeta.z > 0.5 ? 1.0 : texelFetch(uFades, ivec2(int(aMeta.y + 0.5), 0), 0).y;
  if (vAlpha < 0.002) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // faded out: skip rasterising
}
