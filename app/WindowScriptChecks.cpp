// The scripted steps that look and check: capture/shot the window, compare captures, remember and compare
// camera poses, and the expect-* assertions on the viewer's state. A failed check ends the run with exit 1.
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "app/ViewerWindow.h"
#include "core/PngFile.h"
#include "renderer/ComputationView.h"
#include "renderer/Framebuffer.h"
#include "ui/TourSession.h"

namespace convoscope {

namespace {

// Fraction of pixels whose largest channel difference exceeds `threshold` (8-bit levels).
double differingFraction(const RgbaImage& a, const RgbaImage& b, int threshold = 12) {
  if (a.width != b.width || a.height != b.height || a.pixels.empty()) return 1.0;
  size_t differing = 0;
  for (size_t i = 0; i < a.pixels.size(); i += 4) {
    int d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c])));
    if (d > threshold) ++differing;
  }
  return double(differing) / double(a.pixels.size() / 4);
}

}  // namespace

bool ViewerWindow::stepCapture(const std::string& verb, std::istringstream& in, double now) {
  std::string name;
  in >> name;
  std::optional<std::string>& pending = verb == "capture" ? pendingCapture_ : pendingShot_;
  if (stepStarted_ < 0) {  // asks the next drawn frame to read itself back; done once it has
    stepStarted_ = now;
    pending = name;
    return false;
  }
  return !pending.has_value();
}

bool ViewerWindow::stepExpectDiffers(const std::string&, std::istringstream& in, double) {
  std::string a, b;
  in >> a >> b;
  if (!captures_.count(a) || !captures_.count(b)) {
    fail("no capture named " + (captures_.count(a) ? b : a));
    return true;
  }
  const double fraction = differingFraction(captures_[a], captures_[b]);
  std::printf("smoke: %s -> %s: %.1f%% of pixels changed\n", a.c_str(), b.c_str(), 100.0 * fraction);
  // 0.2%: far above noise (llvmpipe renders the same frame identically) and below any real view change.
  if (fraction < 0.002) fail("the frame did not change");
  return true;
}

bool ViewerWindow::stepRememberPose(const std::string&, std::istringstream& in, double) {
  std::string name;
  in >> name;
  poses_[name] = state_.camera.pose;
  return true;
}

// expect-pose NAME: the camera is back exactly where remember-pose found it.
bool ViewerWindow::stepExpectPose(const std::string&, std::istringstream& in, double) {
  std::string name;
  in >> name;
  if (!poses_.count(name)) {
    fail("no pose named " + name);
    return true;
  }
  const CameraPose& a = poses_[name];
  const CameraPose& b = state_.camera.pose;
  if (a.target != b.target || a.distance != b.distance || a.yaw != b.yaw || a.pitch != b.pitch)
    fail("the camera is not where '" + name + "' was");
  return true;
}

// The checks without arguments: expect-prompt, -selected, -hover, -error, -recording.
bool ViewerWindow::stepExpectState(const std::string& verb, std::istringstream&, double) {
  if (verb == "expect-prompt" && !state_.shapePromptFor) fail("the input-shape prompt did not open");
  if (verb == "expect-hover" && !state_.hover) fail("no hover hit");
  if (verb == "expect-error" && (state_.toasts.empty() || !state_.toasts.back().error))
    fail("no error message shown");
  if (verb == "expect-recording" && !recorder_)
    fail("not recording" + (state_.toasts.empty() ? "" : ": " + state_.toasts.back().text));
  if (verb == "expect-selected") {
    if (!state_.selection.hasChannel())
      fail("nothing selected");
    else
      std::printf("smoke: selected %s channel %d\n",
                  state_.snapshot->layers[*state_.selection.layer].name.c_str(), *state_.selection.channel);
  }
  return true;
}

bool ViewerWindow::stepExpectTourStep(const std::string&, std::istringstream& in, double) {  // 1-based
  int expected = 0;
  in >> expected;
  if (!presenting(state_))
    fail("no tour is presenting" + (state_.tour.error.empty() ? "" : ": " + state_.tour.error));
  else if (state_.tour.player->step() + 1 != expected)
    fail("tour is on step " + std::to_string(state_.tour.player->step() + 1) + ", expected " +
         std::to_string(expected));
  else
    std::printf("smoke: tour on step %d of %d\n", expected, state_.tour.player->stepCount());
  return true;
}

// expect-heat N: N attribution maps on screen (after `settle` has waited for the worker).
bool ViewerWindow::stepExpectHeat(const std::string&, std::istringstream& in, double) {
  size_t expected = 0;
  in >> expected;
  const HeatOverlay* heat = visibleHeat(state_);
  const size_t shown = heat ? heat->maps.size() : 0;
  if (shown != expected)
    fail("expected " + std::to_string(expected) + " heat maps, " + std::to_string(shown) + " shown" +
         (state_.attribution.error.empty() ? "" : ": " + state_.attribution.error));
  else
    std::printf("smoke: %zu heat maps%s%s\n", shown, heat ? ": " : "", heat ? heat->title.c_str() : "");
  return true;
}

// expect-gradient: the selected cell's ∂y/∂cell is shown (after `settle` has waited for the worker).
bool ViewerWindow::stepExpectGradient(const std::string&, std::istringstream&, double) {
  const std::string text = cellGradientText(state_);
  if (text.find("∂y/∂cell = ") == std::string::npos)
    fail("no cell gradient shown" + (text.empty() ? std::string() : ": " + text));
  else
    std::printf("smoke: %s\n", text.c_str());
  return true;
}

// expect-feature: the selected channel's feature visualization is shown (after `settle`).
bool ViewerWindow::stepExpectFeature(const std::string&, std::istringstream&, double) {
  const std::optional<ChannelFeatureRequest> wanted = selectedChannelFeature(state_);
  const ChannelFeatureState& f = state_.channelFeature;
  if (!wanted || !(f.shown == *wanted) || f.imagePath.empty())
    fail("no feature visualization shown" + (f.error.empty() ? std::string() : ": " + f.error));
  else
    std::printf("smoke: channel %d's feature picture, activation %.3f\n", wanted->channel, f.activation);
  return true;
}

bool ViewerWindow::stepExpectView(const std::string&, std::istringstream& in, double) {  // playground|model
  std::string what;
  in >> what;
  if (what != "playground" && what != "model") {
    fail("expect-view takes playground or model");
    return true;
  }
  if ((what == "playground") != state_.showPlayground)
    fail(std::string("the view shows the ") + (state_.showPlayground ? "playground" : "model"));
  return true;
}

// expect-slide STEP: the computation's kernel slide is on cell STEP; expect-playground STEP: the
// playground's window (both 0-based).
bool ViewerWindow::stepExpectSlide(const std::string& verb, std::istringstream& in, double) {
  int step = -1;
  in >> step;
  const bool playground = verb == "expect-playground";
  const int actual = playground ? state_.playground.slide.step() : state_.computation.slide.step();
  if (actual != step)
    fail(std::string(playground ? "playground window " : "kernel slide on cell ") + std::to_string(actual) +
         ", expected " + std::to_string(step));
  return true;
}

// expect-card-numbers PX: a computation card is shown and its smallest number is at least PX pixels tall in
// the 3D view, seen from where the camera is now.
bool ViewerWindow::stepExpectCardNumbers(const std::string&, std::istringstream& in, double) {
  float wanted = 0.0f;
  in >> wanted;
  const ComputationView* card = composer_->computation();
  if (!card || card->panelBounds().empty() || !viewTarget_) {
    fail("no computation card is shown");
    return true;
  }
  const float pixels = card->smallestNumberPixels(state_.camera, static_cast<float>(viewTarget_->height()));
  if (pixels < wanted)
    fail("the card's smallest number is " + std::to_string(pixels) + " px tall, under " + std::to_string(wanted));
  else
    std::printf("smoke: the card's smallest number is %.1f px tall (view %dx%d)\n", pixels, viewTarget_->width(),
                viewTarget_->height());
  return true;
}

// expect-features N: features mode is on and N tile pictures are on screen (after `settle`).
bool ViewerWindow::stepExpectFeatures(const std::string&, std::istringstream& in, double) {
  int expected = 0;
  in >> expected;
  const int shown = state_.features.on ? static_cast<int>(placeFeaturePictures(state_.layout, state_.features.overlay).size()) : 0;
  if (shown != expected)
    fail("expected " + std::to_string(expected) + " feature pictures, " + std::to_string(shown) + " shown" +
         (state_.features.error.empty() ? "" : ": " + state_.features.error));
  else
    std::printf("smoke: features mode, %d pictures\n", shown);
  return true;
}

// expect-examples N: the selected channel's top examples are shown, N of them in the 3D gallery (after `settle`).
// expect-examples error: the inspector shows why there are none (a bad dataset folder).
bool ViewerWindow::stepExpectExamples(const std::string&, std::istringstream& in, double) {
  std::string word;
  in >> word;
  const ChannelExamplesState& e = state_.channelExamples;
  if (word == "error") {
    if (e.error.empty()) fail("expected the top examples to show an error; none shown");
    else std::printf("smoke: top examples: %s\n", e.error.c_str());
    return true;
  }
  const int expected = std::atoi(word.c_str());
  const FeatureOverlay* gallery = visibleGallery(state_);
  const int shown = gallery ? static_cast<int>(placeGallery(state_.layout, *gallery).size()) : 0;
  if (shown != expected)
    fail("expected " + std::to_string(expected) + " top examples, " + std::to_string(shown) + " shown" +
         (e.error.empty() ? "" : ": " + e.error));
  else
    std::printf("smoke: %d top examples%s%s\n", shown, e.pictures.examples.empty() ? "" : ", first ",
                e.pictures.examples.empty() ? "" : e.pictures.examples[0].labelName.c_str());
  return true;
}

// "expect-compare a|b|diff [CLASS]": input B shown, the slabs showing that view, B predicted as CLASS;
// "expect-compare none" / "expect-compare error".
bool ViewerWindow::stepExpectCompare(const std::string&, std::istringstream& in, double) {
  std::string view;
  int expectedClass = -1;
  in >> view >> expectedClass;
  const CompareState& c = state_.compare;
  const CompareResult* shown = visibleCompare(state_);
  if (view == "error") {
    if (c.error.empty()) fail("expected the compare view to show an error; none shown");
    else std::printf("smoke: compare: %s\n", c.error.c_str());
    return true;
  }
  if (view == "none") {
    if (shown) fail("expected no input B; one is shown");
    return true;
  }
  if (!shown) {
    fail("expected input B to be shown" + (c.error.empty() ? std::string() : ": " + c.error));
    return true;
  }
  const int predicted = shown->b->top(1).at(0).index;
  if (view != compareViewName(c.view))
    fail("expected the slabs to show " + view + ", not " + compareViewName(c.view));
  else if (expectedClass >= 0 && predicted != expectedClass)
    fail("expected B to be predicted as class " + std::to_string(expectedClass) + ", not " + std::to_string(predicted));
  else
    std::printf("smoke: compare %s, B predicted %s, paths part at layer %d\n", view.c_str(),
                shown->b->top(1).at(0).label.c_str(), firstDivergentLayerShown(state_));
  return true;
}

// expect-checkpoint K | between | none: the training timeline rests on checkpoint K (0-based; its model is the one
// the viewer uses, and the image on screen has run through the series), plays between two, or has no series.
bool ViewerWindow::stepExpectCheckpoint(const std::string&, std::istringstream& in, double) {
  std::string expected;
  in >> expected;
  const std::optional<int> resting = restingCheckpoint(state_);
  const std::string shown = !seriesOpen(state_) ? "none" : resting ? std::to_string(*resting) : "between";
  if (shown != expected) {
    fail("timeline: expected " + expected + ", shows " + shown);
  } else if (resting && (!series_ || model_ != series_->models[*resting] || state_.timeline.runImage != state_.imagePath)) {
    fail("timeline: checkpoint " + shown + " is shown but the viewer's model or image is not its");
  } else {
    const std::vector<ClassScore> top = state_.snapshot ? state_.snapshot->top(1) : std::vector<ClassScore>{};
    std::printf("smoke: timeline %s%s%s\n", shown.c_str(), top.empty() ? "" : ": ", top.empty() ? "" : top[0].label.c_str());
  }
  return true;
}

}  // namespace convoscope
