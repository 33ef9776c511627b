// libFuzzer target: the tour parser (scene/Tour). Any text must end in a Tour or an InputError; a parsed tour
// must survive a save/parse round trip unchanged and be playable on a timeline.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/Errors.h"
#include "scene/Tour.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Tour tour;
  try {
    tour = parseTour(text, "fuzz.json");
  } catch (const InputError&) {
    return 0;
  }
  const Tour again = parseTour(tourToJson(tour), "round-trip.json");  // our own output must parse
  if (again.steps.size() != tour.steps.size()) std::abort();
  for (size_t i = 0; i < tour.steps.size(); ++i) {
    const TourStep& step = tour.steps[i];
    if (!(step.checkpoints == again.steps[i].checkpoints) || step.weights != again.steps[i].weights) std::abort();
    if (!step.checkpoints) continue;
    const TourCheckpoints& c = *step.checkpoints;  // the position stays within the range, whatever the time
    for (const double t : {-1.0, 0.0, 0.5 * step.duration, 1e9}) {
      const double p = tourTimelinePosition(c, step, t);
      if (!(p >= std::min(c.from, c.to) && p <= std::max(c.from, c.to))) std::abort();
    }
  }
  const TourFocusResolver resolve = [](const std::optional<TourFocus>&, int zoom) {
    CameraPose pose;
    pose.distance = 10.0f + zoom;
    return pose;
  };
  const TourTimeline timeline(tour, resolve);
  for (double t = -1.0; t < timeline.totalDuration() + 1.0; t += timeline.totalDuration() / 7.0 + 0.01)
    timeline.at(t);
  timeline.frameCount(60.0);
  TourPlayer player(tour, resolve);
  player.start(CameraPose{});
  for (int i = 0; i < 4; ++i) {
    player.next();
    player.advance(0.3f);
    player.frame();
  }
  player.jump(-5);
  player.jump(1 << 20);
  player.previous();
  player.frame();
  return 0;
}
