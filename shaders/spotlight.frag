// The lecture spotlight: a dark veil over the view with a soft-edged hole round the pointer.
// uniforms: uCentre (pixels, origin bottom-left), uRadius (pixels, clear inside), uSoft (pixels of fade),
// uDarkness (veil opacity outside).
uniform vec2 uCentre;
uniform float uRadius;
uniform float uSoft;
uniform float uDarkness;

out vec4 fragColour;

void main() {
  float d = distance(gl_FragCoord.xy, uCentre);
  float alpha = uDarkness * smoothstep(uRadius, uRadius + uSoft, d);
  fragColour = vec4(0.0, 0.0, 0.0, alpha);  // premultiplied black
}
