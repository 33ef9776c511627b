// Dark vertical gradient with a soft vignette. in: vUv; uniforms: uTop, uBottom (linear colours)
in vec2 vUv;

uniform vec3 uTop;
uniform vec3 uBottom;

out vec4 fragColour;

void main() {
  vec3 colour = mix(uBottom, uTop, smoothstep(0.0, 1.0, vUv.y));
  float vignette = 1.0 - 0.35 * smoothstep(0.45, 1.1, length(vUv - vec2(0.5, 0.55)) * 1.25);
  // Tiny ordered dither hides 8-bit banding in the gradient.
  float dither = (fract(sin(dot(gl_FragCoord.xy, vec2(12.9898, 78.233))) * 43758.5453) - 0.5) / 255.0;
  fragColour = vec4(colour * vignette + dither, 1.0);
}
