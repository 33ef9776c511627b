// Text glyph quads: screen overlays, billboards pinned to 3D points, and glyphs lying in 3D planes.
// in:  aAnchor (world point, or pixel with y down for screen text), aOffset (pixels, y up),
//      aUv (SDF atlas), aColour (straight alpha), aModeHalo (x: 0 screen, 1 billboard, 2 in-plane; y: halo)
// uniforms: uViewProjection, uViewport (pixels)
layout(location = 0) in vec3 aAnchor;
layout(location = 1) in vec2 aOffset;
layout(location = 2) in vec2 aUv;
layout(location = 3) in vec4 aColour;
layout(location = 4) in vec2 aModeHalo;

uniform mat4 uViewProjection;
uniform vec2 uViewport;

out vec2 vUv;
out vec4 vColour;
out float vHalo;

void main() {
  vUv = aUv;
  vColour = aColour;
  vHalo = aModeHalo.y;
  int mode = int(aModeHalo.x + 0.5);
  if (mode == 0) {
    vec2 pixel = aAnchor.xy + vec2(aOffset.x, -aOffset.y);
    vec2 ndc = pixel / uViewport * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, -0.9999, 1.0);  // nearest depth: always on top
  } else if (mode == 1) {
    vec4 clip = uViewProjection * vec4(aAnchor, 1.0);
    if (clip.w <= 1e-4) {
      gl_Position = vec4(2.0, 2.0, 2.0, 1.0);  // behind the eye: off screen
      return;
    }
    // Snap the anchor to the pixel grid so small labels stay sharp.
    vec2 pixel = floor((clip.xy / clip.w * 0.5 + 0.5) * uViewport + 0.5) + aOffset;
    gl_Position = vec4((pixel / uViewport * 2.0 - 1.0) * clip.w, -0.9999 * clip.w, clip.w);  // on top
  } else {
    gl_Position = uViewProjection * vec4(aAnchor, 1.0);  // depth-tested like the tile it lies on
  }
}
