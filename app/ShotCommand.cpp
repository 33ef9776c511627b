// `convoscope shot`: renders one frame of the 3D view headlessly (EGL, no X) into a PNG.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <memory>
#include <regex>
#include <string>

#include "app/AttributionWorker.h"
#include "app/ChannelExamplesWork.h"
#include "app/CompareWork.h"
#include "app/LayoutReport.h"
#include "app/Commands.h"
#include "app/StartupSnapshot.h"
#include "core/HugePages.h"
#include "app/FeaturePictures.h"
#include "core/Errors.h"
#include "core/TrainingSeries.h"
#include "core/PngFile.h"
#include "renderer/FontAtlas.h"
#include "renderer/FrameComposer.h"
#include "renderer/Framebuffer.h"
#include "renderer/HeadlessContext.h"
#include "scene/ComputationFraming.h"
#include "scene/KernelPictures.h"
#include "scene/TimelineMark.h"
#include "scene/ShotFraming.h"
#include "scene/SlabLayout.h"

namespace convoscope {
namespace {

struct ShotSize {
  int width = 1920, height = 1080;
};

ShotSize parseSize(const std::string& text) {
  std::smatch m;
  static const std::regex pattern(R"(^\s*(\d{1,6})\s*[xX]\s*(\d{1,6})\s*$)");
  if (!std::regex_match(text, m, pattern))
    throw InputError("--size " + text + ": expected WIDTHxHEIGHT, e.g. 1920x1080");
  ShotSize size{std::stoi(m[1]), std::stoi(m[2])};
  if (size.width < 16 || size.height < 16 || size.width > kMaxFramebufferWidth ||
      size.height > kMaxFramebufferHeight)
    throw InputError("--size " + text + ": width and height must be between 16x16 and " +
                     std::to_string(kMaxFramebufferWidth) + "x" + std::to_string(kMaxFramebufferHeight));
  return size;
}

struct Focus {
  std::string layer;
  int channel = -1, y = -1, x = -1;
};

Focus parseFocus(const std::string& text) {
  // LAYER[:CH[:Y,X]]; layer names contain dots but no colons.
  std::smatch m;
  static const std::regex pattern(R"(^([^:]+)(?::(\d+)(?::(\d+),(\d+))?)?$)");
  if (!std::regex_match(text, m, pattern))
    throw InputError("--focus " + text + ": expected LAYER, LAYER:CHANNEL or LAYER:CHANNEL:Y,X");
  Focus focus;
  focus.layer = m[1];
  if (m[2].matched) focus.channel = std::stoi(m[2]);
  if (m[3].matched) {
    focus.y = std::stoi(m[3]);
    focus.x = std::stoi(m[4]);
  }
  return focus;
}

std::string layerNames(const Snapshot& snapshot, const SceneLayout& layout) {
  std::string names;
  for (size_t i = 0; i < snapshot.layers.size(); ++i) {
    if (layout.slabForLayer(static_cast<int>(i)) < 0) continue;
    names += (names.empty() ? "" : ", ") + snapshot.layers[i].name;
  }
  return names;
}

Bounds resolveCell(const Focus& focus, int layer, const Slab& slab, Selection& selection);

// Resolves --focus against the layout: the selection to highlight and the world box to frame.
Bounds resolveFocus(const Focus& focus, const Snapshot& snapshot, const SceneLayout& layout,
                    Selection& selection) {
  const int layer = snapshot.findLayer(focus.layer);
  const int slabIndex = layer >= 0 ? layout.slabForLayer(layer) : -1;
  if (slabIndex < 0)
    throw InputError("--focus: no displayed layer named '" + focus.layer +
                     "'; layers: " + layerNames(snapshot, layout));
  const Slab& slab = layout.slabs[slabIndex];
  selection = Selection::ofLayer(layer);
  if (focus.channel < 0) return slabBounds(slab);
  Focus at = focus;
  if (slab.grid.flat && at.y < 0) {
    // A flat layer (linear, softmax) has one tile: LAYER:N means its output N, whose computation is framed.
    if (at.channel >= slab.grid.valuesPerChannel)
      throw InputError("--focus " + focus.layer + ":" + std::to_string(focus.channel) + ": the layer has " +
                       std::to_string(slab.grid.valuesPerChannel) + " outputs, 0.." +
                       std::to_string(slab.grid.valuesPerChannel - 1));
    at.y = at.channel / slab.grid.cellCols;
    at.x = at.channel % slab.grid.cellCols;
    at.channel = 0;
  }
  return resolveCell(at, layer, slab, selection);
}

Bounds resolveCell(const Focus& focus, int layer, const Slab& slab, Selection& selection) {
  if (focus.channel >= slab.grid.channels)
    throw InputError("--focus " + focus.layer + ":" + std::to_string(focus.channel) + ": the layer has " +
                     std::to_string(slab.grid.channels) + " channel(s), 0.." +
                     std::to_string(slab.grid.channels - 1));
  const float z = frontFaceZ(slab);
  auto box = [&](const FaceRect& r) {
    Bounds b;
    b.include(glm::vec3(r.min, z - slab.size.z));
    b.include(glm::vec3(r.max, z));
    return b;
  };
  selection = Selection::ofChannel(layer, focus.channel);
  if (focus.y < 0) return box(tileRect(slab, focus.channel));
  if (focus.y >= slab.grid.cellRows || focus.x >= slab.grid.cellCols ||
      valueIndex(slab.grid, focus.channel, focus.y, focus.x) < 0)
    throw InputError("--focus " + focus.layer + ":" + std::to_string(focus.channel) + ":" +
                     std::to_string(focus.y) + "," + std::to_string(focus.x) + ": cell outside the " +
                     std::to_string(slab.grid.cellRows) + "x" + std::to_string(slab.grid.cellCols) + " map");
  selection = Selection::ofCell(layer, focus.channel, focus.y, focus.x);
  // Frame the cell with a few neighbours around it so the numbers have context.
  FaceRect cell = cellRect(slab, focus.channel, focus.y, focus.x);
  const glm::vec2 grow = cell.size() * 3.0f;
  cell.min -= grow;
  cell.max += grow;
  return box(cell);
}

struct ShotOptions {
  ModelArguments model;
  std::string focus;
  std::string size = "1920x1080";
  std::string output;
  std::string attribution;  // a method: "why this class?" heat maps over the slabs
  int attributionClass = -1;
  bool everyLayer = false;
  bool features = false;  // features mode: every conv tile shows what its channel looks for
  std::string examples;   // a dataset: the focused channel's top examples float beside it
  std::string imageB, attack, compareView;  // compare view: input B (a file or an attack on A), what to show
  float epsilon = 8.f / 255;
  int steps = 10;
  int target = -1;
  std::string layoutReport;  // JSON: the frame's slab and label rectangles in pixels
  bool weights = false;      // weights mode: every conv tile shows its channel's filter
  std::string series;        // a training series: the model is its checkpoint `checkpoint` (default the last)
  int checkpoint = -1;
};

// `--series DIR [--checkpoint K]`: the model becomes that checkpoint's file, and the frame gets the timeline card.
std::optional<TimelineMark> shotTimeline(ShotOptions& options) {
  if (options.series.empty()) {
    if (options.checkpoint >= 0) throw InputError("--checkpoint needs --series (a training series folder)");
    return std::nullopt;
  }
  if (!options.model.model.empty()) throw InputError("give --series or --model, not both: the series names its models");
  const SeriesLocation where = locateTrainingSeries(options.series);
  const TrainingSeries series = readTrainingSeries(where);
  const int count = static_cast<int>(series.checkpoints.size());
  const int k = options.checkpoint < 0 ? count - 1 : options.checkpoint;
  if (k >= count)
    throw InputError("--checkpoint " + std::to_string(k) + ": " + where.index + " has checkpoints 0 to " + std::to_string(count - 1));
  options.model.model = (std::filesystem::path(where.folder) / series.checkpoints[k].file).string();
  return timelineMark(series, {}, k);
}

// A plain picture of a model and an image comes from the start-up snapshot cache when it holds it, with no
// engine opened at all; a second input, gradients, optimisation or a dataset pass need the engine.
bool shotNeedsEngine(const ShotOptions& o, bool attribution) {
  return attribution || o.features || !o.examples.empty() || !o.imageB.empty() || !o.attack.empty();
}

// `--image-b` / `--attack`: input B captured against A, as the viewer's Compare tab makes it.
std::optional<CompareResult> shotComparison(const ShotOptions& o, const CaptureModel* model, const Snapshot& a) {
  if (o.target < -1) throw InputError("--target must be a class index (0 or more)");
  const std::optional<int> target = o.target >= 0 ? std::optional<int>(o.target) : std::nullopt;
  const std::optional<CompareRequest> request = compareRequestFrom(o.imageB, o.attack, o.epsilon, o.steps, target);
  if (!request) {
    if (!o.compareView.empty()) throw InputError("--compare-view needs --image-b or --attack");
    return std::nullopt;
  }
  return computeComparison(*model, a, *request);  // shotNeedsEngine: the model is open
}

// `--examples`: the focused channel's gallery, and the framed bounds grown to take it in.
std::optional<FeatureOverlay> shotGallery(const ShotOptions& options, const CaptureModel* model, const Snapshot& snapshot,
                                          const SceneLayout& layout, const Selection& selection, Bounds& bounds) {
  if (options.examples.empty()) return std::nullopt;
  if (!selection.hasChannel()) throw InputError("--examples shows a channel's top examples: give --focus LAYER:CHANNEL");
  const int layer = featureLayerFor(snapshot, layout, *selection.layer);
  FeatureOverlay gallery =
      computeChannelExamples(*model, snapshot, {snapshot.id, layer, *selection.channel, options.examples}).gallery;
  gallery.id = newFeatureOverlayId();
  if (const std::optional<FaceRect> area = galleryArea(layout, layer, *selection.channel, kGalleryExamples)) {
    const float z = frontFaceZ(layout.slabs[layout.slabForLayer(layer)]);
    bounds.include(glm::vec3(area->min, z));
    bounds.include(glm::vec3(area->max, z));
  }
  return gallery;
}

// `--attribution`: the request as the viewer's panel would make it.
std::optional<AttributionRequest> shotAttribution(const ShotOptions& options) {
  if (options.attribution.empty()) {
    if (options.attributionClass >= 0 || options.everyLayer)
      throw InputError("--attribution-class and --every-layer need --attribution METHOD");
    return std::nullopt;
  }
  AttributionRequest request;
  request.method = options.attribution;
  parseAttributionMethod(request.method);  // a typo fails before the model loads
  if (options.attributionClass >= 0) request.classIndex = options.attributionClass;
  request.everyLayer = options.everyLayer;
  return request;
}

// The output is checked first: a mistyped -o must fail (exit 2) before the model loads and the frame renders.
void checkShotOutput(const std::string& output) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(output, ec)) throw InputError(output + ": is a folder; give a .png file name");
  const fs::path target(output);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(folder, ec))
    throw InputError(output + ": cannot write there: folder " + folder.string() + " does not exist");
  const std::string probe =
      (folder / ("." + target.filename().string() + ".probe-" + std::to_string(::getpid()))).string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError(output + ": cannot write there: " + std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
}

int runShot(ShotOptions options) {
  restartWithHugePages();
  // The scene's font bakes on a worker (~60 ms on the main thread) while the snapshot is read and GL starts.
  std::future<std::unique_ptr<FontAtlas>> sceneFont = FontAtlas::bakeDefaultAsync();
  const ShotSize size = parseSize(options.size);
  checkShotOutput(options.output);
  const std::optional<TimelineMark> timeline = shotTimeline(options);
  const Focus focus = options.focus.empty() ? Focus{} : parseFocus(options.focus);
  if (!options.examples.empty() && focus.layer.empty())
    throw InputError("--examples shows a channel's top examples: give --focus LAYER:CHANNEL");
  const std::optional<AttributionRequest> why = shotAttribution(options);
  const StartupCapture capture =
      captureOrRecall({options.model.loadOptions(), options.model.image}, shotNeedsEngine(options, why.has_value()));
  const CaptureModel* model = capture.model.get();  // set whenever shotNeedsEngine
  const Snapshot& snapshot = capture.snapshot;
  LayoutOptions layoutOptions;
  layoutOptions.frameAspect = static_cast<float>(size.width) / static_cast<float>(size.height);
  SceneLayout layout = layoutSlabs(snapshot, layoutOptions);
  const CompareView view = parseCompareViewOption(options.compareView);
  const std::optional<CompareResult> compared = shotComparison(options, model, snapshot);
  DivergenceCurve curve;
  FrameContent content;
  if (compared) {
    curve = divergenceCurveFor(*compared, kDivergenceThreshold, layout);
    for (const glm::vec3& p : curve.points) layout.bounds.include(p);  // frame the curve too
  }
  std::optional<AttributionOutcome> heat;
  if (why) heat = computeAttributionOverlay(*model, snapshot, *why);
  const FeatureOverlay features = options.features ? computeFeatureOverlay(*model, snapshot, layout) : FeatureOverlay{};

  const float aspect = static_cast<float>(size.width) / static_cast<float>(size.height);
  OrbitCamera camera;
  applyShotCamera(camera, layout, aspect, divergenceFramePoints(curve));
  Selection selection;
  std::optional<FeatureOverlay> gallery;
  if (!focus.layer.empty()) {
    Bounds bounds = resolveFocus(focus, snapshot, layout, selection);
    gallery = shotGallery(options, model, snapshot, layout, selection, bounds);
    if (why) bounds.min.y -= 0.4f * bounds.size().y;  // room below for the attribution's caption
    camera.pose.yaw = -0.45f;  // closer to face-on, so the tiles read well
    camera.pose.pitch = 0.22f;
    camera.frame(bounds, aspect);
  }

  HeadlessContext context;
  Framebuffer framebuffer(size.width, size.height, kStillSamples);
  framebuffer.bind();
  FrameComposer composer(sceneFont.get());
  content.snapshot = &snapshot;
  if (compared) showComparison(*compared, view, curve, content);
  content.layout = &layout;
  content.selection = selection;
  // A focused cell shows its computation (the zoom level focusing a cell reaches), framed with the cell. Only
  // then is the computation view made: baking its font is ~60 ms of a shot's start-up.
  if (heat) {
    content.heat = &heat->overlay;
    content.caption = Caption{heat->overlay.title, {attributionSummary(heat->attribution, why->everyLayer)}, "", 1.0f};
  }
  if (selection.hasCell() && !(compared && view == CompareView::Difference)) {
    if (const std::optional<Bounds> bounds = composer.computationBounds(snapshot, layout, selection))
      frameComputation(camera, *bounds, aspect,
                       composer.freeRegion(content.caption, {size.width, size.height}, content.view));
    content.computation = ComputationViewOptions{};
  }
  content.camera = camera;
  if (options.features) content.features = &features;
  KernelOverlayCache kernels;
  if (options.weights) content.features = &kernels.overlayFor(snapshot, layout);
  if (timeline) content.timeline = &*timeline;
  if (gallery) content.gallery = &*gallery;
  const ComposedFrame composed = composer.compose(content, {size.width, size.height});
  writePng(framebuffer.read(), options.output);
  if (!options.layoutReport.empty())
    writeLayoutReport(layoutReport(snapshot, layout, content.camera, {size.width, size.height}, composed.scene,
                                   cardsOf(composer, content, composed, {size.width, size.height})),
                      options.layoutReport);
  return 0;
}

void registerShot(CLI::App& root, CommandAction& action) {
  auto options = std::make_shared<ShotOptions>();
  CLI::App* cmd = root.add_subcommand("shot", "render the 3D view of a model on an image to a PNG, headless");
  options->model.addTo(cmd);
  cmd->add_option("--focus", options->focus, "frame a layer, a channel or a cell: LAYER[:CH[:Y,X]]");
  cmd->add_option("--size", options->size, "image size WIDTHxHEIGHT (default 1920x1080, at most 7680x4320)");
  cmd->add_option("-o,--output", options->output, "PNG file to write")->required();
  cmd->add_option("--attribution", options->attribution,
                  "why this class? heat maps over the slabs: gradcam, saliency, smoothgrad, ig or occlusion");
  cmd->add_option("--attribution-class", options->attributionClass,
                  "the class to explain (default: the top prediction)");
  cmd->add_flag("--every-layer", options->everyLayer, "Grad-CAM on every spatial slab, not only the input");
  cmd->add_flag("--features", options->features,
                "features mode: every conv tile shows what its channel looks for (computed once, then cached)");
  cmd->add_option("--examples", options->examples,
                  "dataset folder: the focused channel's top examples float beside it (needs --focus LAYER:CH)");
  cmd->add_flag("--weights", options->weights, "weights mode: every conv tile shows its channel's filter (kernels)");
  cmd->add_option("--series", options->series,
                  "a training series (train --checkpoints): show its checkpoint --checkpoint, with the timeline card");
  cmd->add_option("--checkpoint", options->checkpoint, "which checkpoint of --series, from 0 (default: the last)");
  cmd->add_option("--image-b", options->imageB, "compare view: input B beside the image (A)");
  cmd->add_option("--attack", options->attack, "compare view: B is A attacked by fgsm or pgd");
  cmd->add_option("--epsilon", options->epsilon, "the attack's L-infinity budget, 0..1 (default 8/255)");
  cmd->add_option("--steps", options->steps, "PGD steps (default 10)");
  cmd->add_option("--target", options->target, "targeted attack towards this class");
  cmd->add_option("--compare-view", options->compareView, "what the slabs show: a, b or diff (default diff)");
  cmd->add_option("--layout-report", options->layoutReport,
                  "JSON: the frame size, every slab's and label's rectangle in pixels (x0, y0, x1, y1)");
  cmd->callback([options, &action] { action = [options] { return runShot(*options); }; });
}

}  // namespace

CONVOSCOPE_COMMAND(50, registerShot);

}  // namespace convoscope
