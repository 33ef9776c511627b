// Line coverage from the distance to the centre line. in: vColour, vAcross, vHalfWidth.
in vec4 vColour;
in float vAcross;
in float vHalfWidth;

out vec4 fragColour;

void main() {
  float coverage = clamp(vHalfWidth + 0.5 - abs(vAcross), 0.0, 1.0);
  // Hair-thin lines fade instead of flickering.
  coverage *= min(1.0, vHalfWidth * 2.0);
  float alpha = vColour.a * coverage;
  if (alpha < 0.003) discard;
  fragColour = vec4(vColour.rgb * alpha, alpha);  // premultiplied
}
