// Flat quads: 3D panels (probability bars) and screen overlays (legend, header), optionally rounded and
// optionally coloured from the colour-map LUT.
// in:  aPosition (world, or pixel with y down for screen quads), aColour (straight alpha),
//      aStyle (x: 0 world / 1 screen, y: LUT row or -1, z: LUT t, w: corner radius in the local units),
//      aLocal (xy: position inside the rect from its centre, zw: half size; same units as the radius)
// uniforms: uViewProjection, uViewport
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec4 aColour;
layout(location = 2) in vec4 aStyle;
layout(location = 3) in vec4 aLocal;

uniform mat4 uViewProjection;
uniform vec2 uViewport;

out vec4 vColour;
out vec4 vStyle;
out vec4 vLocal;

void main() {
  vColour = aColour;
  vStyle = aStyle;
  vLocal = aLocal;
  if (aStyle.x < 0.5) {
    gl_Position = uViewProjection * vec4(aPosition, 1.0);
  } else {
    vec2 ndc = aPosition.xy / uViewport * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, -0.9999, 1.0);  // nearest depth: overlays pass the depth test
  }
}
