// `convoscope record`: renders a tour headlessly (EGL) to an MP4 (ffmpeg) or a folder of PNG frames.
// Time comes from the frame number (t = frame / fps), never the clock, so the same tour gives the same
// frames.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include "app/AttributionOverlay.h"
#include "app/Commands.h"
#include "app/ChannelExamplesWork.h"
#include "app/CompareWork.h"
#include "app/FeaturePictures.h"
#include "app/FrameSink.h"
#include "app/LayoutReport.h"
#include "app/QueuedFrameSink.h"
#include "app/SeriesFrames.h"
#include "app/StartupSnapshot.h"
#include "app/TourComputationFraming.h"
#include "core/Errors.h"
#include "core/HugePages.h"
#include "core/PngFile.h"
#include "renderer/CaptionOverlay.h"
#include "renderer/FontAtlas.h"
#include "renderer/FrameComposer.h"
#include "renderer/Framebuffer.h"
#include "renderer/HeadlessContext.h"
#include "renderer/PboReadback.h"
#include "scene/KernelPictures.h"
#include "scene/PlaygroundFraming.h"
#include "scene/PlaygroundScene.h"
#include "scene/ShotFraming.h"
#include "scene/SlabLayout.h"
#include "scene/Tour.h"
#include "scene/TourFraming.h"
#include "scene/TourValidation.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;

volatile sig_atomic_t interruptedBy = 0;
void onInterrupt(int signal) { interruptedBy = signal; }

// Catches Ctrl-C / SIGTERM while recording (so the file can be finished) and ignores SIGPIPE (a dead ffmpeg
// shows up as EPIPE on write); puts the previous handlers back when done.
class RecordingSignals {
 public:
  RecordingSignals() {
    interruptedBy = 0;
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previousInt_);
    sigaction(SIGTERM, &action, &previousTerm_);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previousPipe_);
  }
  ~RecordingSignals() {
    sigaction(SIGINT, &previousInt_, nullptr);
    sigaction(SIGTERM, &previousTerm_, nullptr);
    sigaction(SIGPIPE, &previousPipe_, nullptr);
  }

 private:
  struct sigaction previousInt_ {
  }, previousTerm_{}, previousPipe_{};
};

struct RecordOptions {
  ModelArguments model;
  std::string tour;
  std::string size = "1920x1080";
  double fps = 60.0;
  std::string output;
  int readbackDepth = 3;
  std::string examples;  // dataset for steps that show top examples; empty: Fashion-MNIST for the bundled model
  bool stills = false;   // one still per step and their layout reports into the output folder, no video
  std::string steps;     // "A-B" or "A" (1-based): only those steps, e.g. one chapter; empty: all
};

// `--steps A-B`: the tour cut to steps A..B (1-based, inclusive; "A" alone is one step).
void keepSteps(Tour& tour, const std::string& range) {
  if (range.empty()) return;
  std::smatch m;
  static const std::regex pattern(R"(^\s*(\d{1,6})\s*(?:-\s*(\d{1,6}))?\s*$)");
  const int count = static_cast<int>(tour.steps.size());
  if (!std::regex_match(range, m, pattern))
    throw InputError("--steps " + range + ": expected FIRST-LAST or one step number, e.g. 27-30");
  const int first = std::stoi(m[1]), last = m[2].matched ? std::stoi(m[2]) : first;
  if (first < 1 || last < first || last > count)
    throw InputError("--steps " + range + ": the tour has steps 1 to " + std::to_string(count));
  tour.steps = std::vector<TourStep>(tour.steps.begin() + (first - 1), tour.steps.begin() + last);
}

glm::ivec2 parseRecordSize(const std::string& text) {
  std::smatch m;
  static const std::regex pattern(R"(^\s*(\d{1,6})\s*[xX]\s*(\d{1,6})\s*$)");
  if (!std::regex_match(text, m, pattern))
    throw InputError("--size " + text + ": expected WIDTHxHEIGHT, e.g. 1920x1080");
  const glm::ivec2 size(std::stoi(m[1]), std::stoi(m[2]));
  if (size.x < 16 || size.y < 16 || size.x > kMaxFramebufferWidth || size.y > kMaxFramebufferHeight)
    throw InputError("--size " + text + ": width and height must be between 16x16 and " +
                     std::to_string(kMaxFramebufferWidth) + "x" + std::to_string(kMaxFramebufferHeight));
  return size;
}

std::string clock(double seconds) {
  const long long s = std::llround(std::max(0.0, seconds));
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
  return text;
}

// "frame 120/600 [#####.....] 20%  24.1 fps  ETA 0:19" on stderr: redrawn in place on a terminal, a line
// every few seconds otherwise (logs, CI).
class ProgressLine {
 public:
  explicit ProgressLine(long long total)
      : total_(total), start_(Clock::now()), last_(start_), tty_(::isatty(2)) {}
  void update(long long done, bool force = false) {
    const auto now = Clock::now();
    const double sinceLast = std::chrono::duration<double>(now - last_).count();
    if (!force && sinceLast < (tty_ ? 0.25 : 5.0)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double fps = elapsed > 0 ? done / elapsed : 0.0;
    const double eta = fps > 0 ? (total_ - done) / fps : 0.0;
    const int width = 24, filled = static_cast<int>(width * done / std::max(1LL, total_));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '.');
    std::fprintf(stderr, "%srecord: frame %lld/%lld [%s] %3d%%  %.1f fps  elapsed %s  ETA %s%s",
                 tty_ ? "\r" : "", done, total_, bar.c_str(),
                 static_cast<int>(100 * done / std::max(1LL, total_)), fps, clock(elapsed).c_str(),
                 clock(eta).c_str(), tty_ ? "\033[K" : "\n");
    std::fflush(stderr);
  }
  void end() {
    if (tty_) std::fputc('\n', stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  long long total_;
  Clock::time_point start_, last_;
  bool tty_;
};

// A tour's model/image paths are relative to the tour file; --model/--image win.
void applyTourInputs(const Tour& tour, const std::string& tourPath, ModelArguments& model) {
  if (model.model.empty() && !tour.model.empty()) model.model = pathBesideTour(tourPath, tour.model);
  if (model.image.empty() && !tour.image.empty()) model.image = pathBesideTour(tourPath, tour.image);
}

// A playground step's small world at the step's slide position, framed with room for the caption below.
PlaygroundFrame playgroundFrame(const TourPlayground& playground, float position, float aspect) {
  const ConvCheck check = checkConv(playground.geometry);
  KernelSlide slide(std::max(check.outputSize, 1), std::max(check.outputSize, 1));
  slide.setPosition(position);
  PlaygroundFrame frame{layoutPlayground(playground.geometry, slide), {}, false};
  frame.camera.fovY = kTourFovY;
  framePlayground(frame.camera, frame.scene.bounds, aspect, PlaygroundRoom::CaptionBelow);
  return frame;
}

// Everything one recorded frame shows at tour time `state`.
struct RecordScene {
  const Tour& tour;
  const Snapshot& snapshot;
  const SceneLayout& layout;
  const std::vector<Selection>& selections;
  const std::vector<std::shared_ptr<HeatOverlay>>& heats;  // per step: its attribution maps, or null
  const FeatureOverlay& features;  // every conv channel's picture when a step asks for features mode
  const std::vector<std::shared_ptr<FeatureOverlay>>& galleries;  // per step: its top examples, or null
  const std::vector<std::shared_ptr<const StepComparison>>& comparisons;  // per step: its input B, or null
  const std::vector<ComputationViewOptions>& cards;  // per step: its computation card's layout (when it opens one)
  ViewOptions view;
  float aspect = 1.0f;
  SeriesFrames* series = nullptr;      // the tour's training series, when a step shows a checkpoint
  KernelOverlayCache* kernels = nullptr;  // weights mode's pictures, per snapshot shown
};

// The dataset a tour's "examples" steps read: --examples, else Fashion-MNIST's test set for the bundled model.
std::string tourExampleDataset(const Tour& tour, const RecordOptions& options, const CaptureModel& model) {
  const auto asks = std::find_if(tour.steps.begin(), tour.steps.end(), [](const TourStep& s) { return s.examples; });
  if (asks == tour.steps.end() || !options.examples.empty()) return options.examples;
  std::error_code ec;
  if (std::filesystem::equivalent(model.path(), bundledModelPath(), ec) &&
      std::filesystem::is_directory(kFashionMnistFolder, ec))
    return kFashionMnistFolder;
  throw InputError(options.tour + ": step " + std::to_string(asks - tour.steps.begin() + 1) +
                   " shows top examples: give --examples DIR (a dataset folder)");
}

// Each "examples" step's gallery beside its focused channel, computed once per distinct channel.
std::vector<std::shared_ptr<FeatureOverlay>> tourGalleries(const Tour& tour, const std::vector<Selection>& selections,
                                                           const CaptureModel& model, const Snapshot& snapshot,
                                                           const SceneLayout& layout, const std::string& dataset) {
  std::vector<std::shared_ptr<FeatureOverlay>> galleries(tour.steps.size());
  std::map<std::pair<int, int>, std::shared_ptr<FeatureOverlay>> made;
  for (size_t i = 0; i < tour.steps.size(); ++i) {
    if (!tour.steps[i].examples || !selections[i].hasChannel()) continue;
    const int layer = featureLayerFor(snapshot, layout, *selections[i].layer);
    std::shared_ptr<FeatureOverlay>& gallery = made[{layer, *selections[i].channel}];
    if (!gallery) {
      const ChannelExamplesRequest request{snapshot.id, layer, *selections[i].channel, dataset};
      gallery = std::make_shared<FeatureOverlay>(computeChannelExamples(model, snapshot, request).gallery);
      gallery->id = newFeatureOverlayId();
    }
    galleries[i] = gallery;
  }
  return galleries;
}

// Each step's "why this class?" maps, computed once per distinct request before the first frame.
std::vector<std::shared_ptr<HeatOverlay>> tourHeatMaps(const Tour& tour, const CaptureModel& model,
                                                       const Snapshot& snapshot) {
  std::vector<std::shared_ptr<HeatOverlay>> heats(tour.steps.size());
  for (size_t i = 0; i < tour.steps.size(); ++i) {
    const std::optional<AttributionRequest>& request = tour.steps[i].attribution;
    if (!request) continue;
    for (size_t j = 0; j < i && !heats[i]; ++j)
      if (tour.steps[j].attribution == request) heats[i] = heats[j];
    if (!heats[i])
      heats[i] = std::make_shared<HeatOverlay>(computeAttributionOverlay(model, snapshot, *request).overlay);
  }
  return heats;
}

// A checkpoint step shows the series at the step's position (and its timeline card); weights mode the filters
// of what is shown.
void showTraining(const RecordScene& scene, const TourStep& step, double stepTime, FrameContent& content) {
  if (step.checkpoints && scene.series) {
    const SeriesFrames::Frame frame = scene.series->at(tourTimelinePosition(*step.checkpoints, step, stepTime));
    content.snapshot = frame.snapshot;
    content.layout = frame.layout;
    content.timeline = frame.mark;
  }
  if (step.weights) content.features = &scene.kernels->overlayFor(*content.snapshot, *content.layout);
}

FrameContent recordFrame(const RecordScene& scene, const TourFrame& state, OrbitCamera& camera) {
  const TourStep& step = scene.tour.steps[state.step];
  camera.pose = state.pose;
  FrameContent content;
  content.snapshot = &scene.snapshot;
  content.layout = &scene.layout;
  content.camera = camera;
  content.selection = scene.selections[state.step];
  content.view = scene.view;
  if (step.features) content.features = &scene.features;
  showTraining(scene, step, state.stepTime, content);
  content.gallery = scene.galleries[state.step].get();
  const StepComparison* compared = scene.comparisons[state.step].get();
  if (compared) showComparison(*compared->result, compared->view, compared->curve, content);
  const bool showsDifference = compared && compared->view == CompareView::Difference;  // a − b: no arithmetic
  if (HeatOverlay* heat = scene.heats[state.step].get()) {
    heat->opacity = HeatOverlay{}.opacity * state.captionAlpha;  // fades in with the step's caption
    content.heat = heat;
  }
  if (step.playground) {
    // A playground step: its own small world instead of the network, the window walking as the step plays.
    content.playground = playgroundFrame(*step.playground, state.playgroundPosition, scene.aspect);
  } else if (state.math.open && !showsDifference) {
    // The step's computation view (and its kernel slide), faded in with the camera move.
    ComputationViewOptions computation = scene.cards[state.step];
    computation.alpha = state.transitioning ? state.transition : 1.0f;
    computation.animate = state.math.playing || state.math.position > 0.0f;
    computation.slidePosition = state.math.position;
    content.computation = computation;
  }
  content.caption = tourStepCaption(scene.tour, static_cast<size_t>(state.step), state.captionAlpha);
  return content;
}

// Tells how the recording ended and returns the exit code: 0, or 1 when interrupted (what was written plays).
int reportRecording(const RecordOptions& options, FrameSink& sink, long long written, long long frames,
                    const glm::ivec2& size) {
  if (interruptedBy) {
    std::fprintf(stderr,
                 "convoscope: interrupted: %s holds the first %lld of %lld frames (%.1f s); it is playable\n",
                 sink.describe().c_str(), written, frames, written / options.fps);
    return 1;
  }
  std::fprintf(stderr, "convoscope: wrote %s: %lld frames, %dx%d at %g fps, %s\n", sink.describe().c_str(),
               written, size.x, size.y, options.fps, clock(written / options.fps).c_str());
  return 0;
}

// Everything a tour's frames show, computed once before the first frame.
struct PreparedTour {
  std::unique_ptr<CaptureModel> model;
  Snapshot snapshot;
  SceneLayout layout;
  std::vector<Selection> selections;                      // per step: its focus
  std::vector<std::shared_ptr<HeatOverlay>> heats;        // per step: its attribution maps, or null
  FeatureOverlay features;                                // every conv channel's picture, when a step asks
  std::vector<std::shared_ptr<FeatureOverlay>> galleries;  // per step: its top examples, or null
  std::vector<std::shared_ptr<const StepComparison>> comparisons;  // per step: its input B, or null
  std::unique_ptr<SeriesFrames> series;  // the tour's training series, when a step shows a checkpoint
};

// The tour's series (relative to the tour file), run on the tour's image, when any step shows a checkpoint.
std::unique_ptr<SeriesFrames> tourSeries(const Tour& tour, const RecordOptions& options, const PreparedTour& p,
                                         const LayoutOptions& layoutOptions) {
  if (std::none_of(tour.steps.begin(), tour.steps.end(), [](const TourStep& s) { return s.checkpoints.has_value(); }))
    return nullptr;
  const SeriesModels models = loadSeriesModels(pathBesideTour(options.tour, tour.series), options.model.loadOptions());
  validateTourSeries(tour, static_cast<int>(models.series.checkpoints.size()), options.tour);
  for (const CheckpointStatus& status : models.statuses)
    if (!status.loaded) std::fprintf(stderr, "convoscope: %s: %s (skipped)\n", models.where.index.c_str(), status.problem.c_str());
  return std::make_unique<SeriesFrames>(models, options.model.imageOrDefault(*p.model), p.snapshot, layoutOptions);
}

// Steps that run the model beyond its picture of the image: heat maps, features, top examples, input B and
// checkpoints. A tour without them is drawn from the start-up snapshot cache, with no engine opened.
bool tourRunsTheModel(const Tour& tour) {
  return std::any_of(tour.steps.begin(), tour.steps.end(), [](const TourStep& s) {
    return s.attribution || s.features || s.examples || s.compare || s.checkpoints;
  });
}

PreparedTour prepareTour(const Tour& tour, const RecordOptions& options) {
  PreparedTour p;
  StartupCapture capture = captureOrRecall({options.model.loadOptions(), options.model.image}, tourRunsTheModel(tour));
  p.model = std::move(capture.model);
  p.snapshot = std::move(capture.snapshot);
  LayoutOptions layoutOptions;
  const glm::ivec2 size = parseRecordSize(options.size);
  layoutOptions.frameAspect = static_cast<float>(size.x) / static_cast<float>(size.y);
  p.layout = layoutSlabs(p.snapshot, layoutOptions);
  validateTour(tour, p.snapshot, p.layout, options.tour);
  for (const TourStep& step : tour.steps) p.selections.push_back(tourSelection(p.snapshot, p.layout, step.focus));
  if (!p.model) {  // from the cache: no step needs more than the picture
    p.heats.resize(tour.steps.size());
    p.galleries.resize(tour.steps.size());
    p.comparisons.resize(tour.steps.size());
    return p;
  }
  p.heats = tourHeatMaps(tour, *p.model, p.snapshot);
  if (std::any_of(tour.steps.begin(), tour.steps.end(), [](const TourStep& s) { return s.features; }))
    p.features = computeFeatureOverlay(*p.model, p.snapshot, p.layout);
  p.galleries = tourGalleries(tour, p.selections, *p.model, p.snapshot, p.layout,
                              tourExampleDataset(tour, options, *p.model));
  p.comparisons = tourComparisons(tour, options.tour, *p.model, p.snapshot, p.layout);
  p.series = tourSeries(tour, options, p, layoutOptions);
  return p;
}

// --stills: one frame per step, 70 % into it (the camera has arrived, a kernel slide is under way), as
// step-NN.png, and layout.json: each still's layout report (slabs, labels, computation card, caption).
int writeStills(const RecordOptions& options, const RecordScene& scene, const TourTimeline& timeline,
                FrameComposer& composer, OrbitCamera& camera, const glm::ivec2& size) {
  Framebuffer framebuffer(size.x, size.y, kStillSamples);
  nlohmann::json report = nlohmann::json::array();
  for (int i = 0; i < timeline.stepCount() && !interruptedBy; ++i) {
    const double end = i + 1 < timeline.stepCount() ? timeline.stepStart(i + 1) : timeline.totalDuration();
    const TourFrame state = timeline.at(timeline.stepStart(i) + 0.7 * (end - timeline.stepStart(i)));
    const FrameContent content = recordFrame(scene, state, camera);
    framebuffer.bind();
    const ComposedFrame composed = composer.compose(content, size);
    char name[32];
    std::snprintf(name, sizeof name, "step-%02d.png", i + 1);
    writePng(framebuffer.read(), (fs::path(options.output) / name).string());
    nlohmann::json still = layoutReport(*content.snapshot, *content.layout, content.camera, size, composed.scene,
                                        cardsOf(composer, content, composed, size));
    still["step"] = i + 1;
    still["title"] = scene.tour.steps[static_cast<size_t>(i)].title;
    still["image"] = name;
    report.push_back(std::move(still));
  }
  writeLayoutReport(report, (fs::path(options.output) / "layout.json").string());
  std::fprintf(stderr, "convoscope: wrote %s: %d stills, %dx%d, and layout.json\n", options.output.c_str(),
               timeline.stepCount(), size.x, size.y);
  return interruptedBy ? 1 : 0;
}

// The tour's frames at a fixed timestep into `sink`; a Ctrl-C keeps what was written playable.
int recordFrames(const RecordOptions& options, const RecordScene& scene, const TourTimeline& timeline,
                 FrameComposer& composer, OrbitCamera& camera, QueuedFrameSink& sink, const glm::ivec2& size) {
  Framebuffer framebuffer(size.x, size.y, kInteractiveSamples);
  PboReadback readback(size.x, size.y, options.readbackDepth);
  const long long frames = timeline.frameCount(options.fps);
  ProgressLine progress(frames);
  long long written = 0;
  auto writeOldest = [&] {
    sink.write(readback.take());
    ++written;
  };
  for (long long frame = 0; frame < frames && !interruptedBy; ++frame) {
    framebuffer.bind();
    composer.compose(recordFrame(scene, timeline.at(static_cast<double>(frame) / options.fps), camera), size);
    if (readback.full()) writeOldest();
    readback.capture();
    progress.update(written);
  }
  while (readback.pending() > 0) writeOldest();
  progress.update(written, true);
  progress.end();
  if (interruptedBy && written == 0) {  // an empty MP4 is not playable: keep nothing
    sink.abandon();
    throw std::runtime_error("interrupted before the first frame; nothing written");
  }
  sink.finish();
  return reportRecording(options, sink, written, frames, size);
}

int runRecord(RecordOptions options) {
  restartWithHugePages();
  // The fonts bake on workers (~0.2 s on the main thread) while the tour is read and the GL context made.
  std::future<std::unique_ptr<FontAtlas>> sceneFont = FontAtlas::bakeDefaultAsync();
  std::future<CaptionFonts> captionFonts = std::async(std::launch::async, bakeCaptionFonts);
  const glm::ivec2 size = parseRecordSize(options.size);
  if (!(options.fps >= 1.0 && options.fps <= 240.0)) throw InputError("--fps must be from 1 to 240");
  Tour tour = loadTour(options.tour);
  keepSteps(tour, options.steps);
  applyTourInputs(tour, options.tour, options.model);

  RecordingSignals signals;  // from here on, Ctrl-C stops cleanly instead of leaving a temporary file behind
  // The output first: a missing ffmpeg or an unwritable folder should fail before minutes of work.
  // Frames go to the encoder on their own thread, so rendering the next frames overlaps piping this one.
  std::unique_ptr<QueuedFrameSink> sink;
  std::error_code ec;
  if (options.stills && fs::exists(options.output, ec) && !fs::is_directory(options.output, ec))
    throw InputError("-o " + options.output + ": --stills writes a folder of pictures, and this is a file");
  if (options.stills && !fs::create_directories(options.output, ec) && ec)
    throw InputError("-o " + options.output + ": cannot create the folder (" + ec.message() + ")");
  if (!options.stills)
    sink = std::make_unique<QueuedFrameSink>(makeFrameSink(options.output, size.x, size.y, options.fps));
  const PreparedTour prepared = prepareTour(tour, options);

  const float aspect = static_cast<float>(size.x) / static_cast<float>(size.y);
  OrbitCamera camera;
  applyShotCamera(camera, prepared.layout, aspect);  // clip planes wide enough for the whole network
  camera.fovY = kTourFovY;
  camera.nearPlane = std::min(camera.nearPlane, 0.01f);  // close-ups of one cell

  HeadlessContext context;
  FrameComposer composer(sceneFont.get(), std::move(captionFonts));
  ViewOptions view;
  view.showLegend = legendFits(glm::vec2(size));  // small frames drop it so the caption has room
  const FramedTour framed =
      withComputationFraming(tour, composer, prepared.snapshot, prepared.layout, prepared.selections, camera, size, view);
  const TourTimeline timeline(framed.tour, tourFocusResolver(prepared.snapshot, prepared.layout, kTourFovY, aspect));
  KernelOverlayCache kernels;
  const RecordScene scene{tour,       prepared.snapshot,  prepared.layout,       prepared.selections,
                          prepared.heats, prepared.features, prepared.galleries, prepared.comparisons,
                          framed.cards, view,             aspect,                prepared.series.get(),
                          &kernels};
  if (options.stills) return writeStills(options, scene, timeline, composer, camera, size);
  if (interruptedBy) {
    sink->abandon();
    throw std::runtime_error("interrupted before recording began; nothing written");
  }
  return recordFrames(options, scene, timeline, composer, camera, *sink, size);
}

void registerRecord(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<RecordOptions>();
  CLI::App* cmd = root.add_subcommand("record", "render a tour to an MP4 video (or PNG frames), headless");
  cmd->add_option("--tour,-t", options->tour, "tour file (JSON), e.g. assets/tours/tiny-vgg.json")
      ->required();
  options->model.addTo(cmd);
  cmd->add_option("--size", options->size, "frame size WIDTHxHEIGHT (default 1920x1080, at most 7680x4320)");
  cmd->add_option("--fps", options->fps, "frames per second (default 60)");
  cmd->add_option("--examples", options->examples,
                  "dataset folder for steps that show top examples (default: Fashion-MNIST for the bundled model)");
  cmd->add_option("-o,--output", options->output,
                  "a .mp4 file (H.264 via ffmpeg) or a folder for numbered PNGs (or, with --stills, the stills)")
      ->required();
  cmd->add_option("--steps", options->steps, "only steps FIRST-LAST of the tour (1-based), e.g. 27-30: one chapter");
  cmd->add_flag("--stills", options->stills,
                "one picture per step (step-NN.png, 70 % into the step) and layout.json (each picture's slabs, "
                "labels, computation card and caption in pixels) into the -o folder");
  cmd->callback([options, &action] { action = [options] { return runRecord(*options); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(60, registerRecord);

}  // namespace convoscope
