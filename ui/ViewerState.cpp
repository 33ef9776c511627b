#include "ui/ViewerState.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "scene/CutAway.h"
#include "scene/ShotFraming.h"
#include "ui/CompareState.h"

namespace convoscope {

namespace {

bool layerHasSlab(const ViewerState& state, int layer) { return state.layout.slabForLayer(layer) >= 0; }

// A selection that still makes sense for the current snapshot (a new image keeps it; a new model may not).
Selection validSelection(const ViewerState& state, const Selection& s) {
  if (s.empty() || !state.snapshot) return {};
  const int layers = static_cast<int>(state.snapshot->layers.size());
  if (*s.layer < 0 || *s.layer >= layers || !layerHasSlab(state, *s.layer)) return {};
  if (!s.hasChannel()) return Selection::ofLayer(*s.layer);
  const Slab& slab = state.layout.slabs[state.layout.slabForLayer(*s.layer)];
  if (*s.channel < 0 || *s.channel >= slab.grid.channels) return Selection::ofLayer(*s.layer);
  if (!s.hasCell()) return s;
  if (*s.y < 0 || *s.y >= slab.grid.cellRows || *s.x < 0 || *s.x >= slab.grid.cellCols)
    return Selection::ofChannel(*s.layer, *s.channel);
  return s;
}

Bounds faceBox(const Slab& slab, const FaceRect& rect) {
  const float z = frontFaceZ(slab);
  Bounds b;
  b.include(glm::vec3(rect.min, z - slab.size.z));
  b.include(glm::vec3(rect.max, z));
  return b;
}

}  // namespace

void showSnapshot(ViewerState& state, std::shared_ptr<const Snapshot> snapshot, bool newModel) {
  state.snapshot = std::move(snapshot);
  state.hover.reset();
  relayout(state);
  if (newModel) {
    state.selection = {};
    goHome(state, /*animate=*/true);
    forgetFeatures(state);  // features depend on the model only: a new image keeps them
    forgetChannelExamples(state);
  }
  refreshAttributionFor(state, newModel);  // the heat maps follow a new image; a new model drops them
  refreshCompareFor(state, newModel);      // so does input B: captured again against the new A
  state.touch();
}

void relayout(ViewerState& state) {
  if (!state.snapshot) return;
  // A long network wraps into as many lanes as fill the 3D view's shape best.
  if (state.sceneSize.x > 0 && state.sceneSize.y > 0) state.layoutOptions.frameAspect = state.aspect();
  state.layout = layoutSlabs(*state.snapshot, state.layoutOptions);
  state.selection = validSelection(state, state.selection);
  state.hover.reset();
  state.touch();
}

void requestLoad(ViewerState& state, LoadRequest request) {
  state.outbox.push_back(std::move(request));
  state.touch();
}

void reportMessage(ViewerState& state, std::string text, bool error) {
  state.toasts.push_back(Toast{std::move(text), error, -1.0});
  if (state.toasts.size() > 4) state.toasts.erase(state.toasts.begin());
  state.touch();
}

bool looksLikeModelFile(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".pt" || ext == ".pth" || ext == ".ptl" || ext == ".torchscript";
}

void openPath(ViewerState& state, const std::string& path) {
  if (looksLikeSeries(path)) return openSeries(state, path);  // a training series' folder or its series.json
  LoadRequest request;
  if (looksLikeModelFile(path))
    request.modelPath = path;
  else
    request.imagePath = path;
  requestLoad(state, std::move(request));
}

void dropPaths(ViewerState& state, const std::vector<std::string>& paths) {
  if (paths.size() == 1 && !looksLikeModelFile(paths[0]) && !looksLikeSeries(paths[0]) && state.panels.compareTabOpen && state.snapshot) {
    CompareRequest request = state.compare.request;  // the Compare tab is open: the image becomes input B
    request.source = CompareSource::Image;
    request.imagePath = paths[0];
    requestCompare(state, request);
    return;
  }
  LoadRequest request;
  for (const std::string& path : paths) {
    if (looksLikeSeries(path)) {
      openSeries(state, path);
      continue;
    }
    (looksLikeModelFile(path) ? request.modelPath : request.imagePath) = path;
  }
  if (!request.modelPath.empty() || !request.imagePath.empty()) requestLoad(state, std::move(request));
}

void submitInputShape(ViewerState& state, const std::vector<int64_t>& chw) {
  if (!state.shapePromptFor) return;
  requestLoad(state, LoadRequest{*state.shapePromptFor, "", chw});
  state.shapePromptFor.reset();
}

// --- camera ---

void flyTo(ViewerState& state, const CameraPose& pose, float seconds) {
  state.animation = CameraAnimation(state.camera.pose, pose, seconds);
  state.hover.reset();  // what is under the cursor changes as the camera moves
  state.camera.maxDistance = std::max(state.camera.maxDistance, pose.distance * 4.0f);
  state.touch();
}

CameraPose homeViewPose(const ViewerState& state) {
  if (state.layout.slabs.empty()) return state.camera.pose;
  OrbitCamera probe = state.camera;
  const CompareResult* compared = visibleCompare(state);
  const DivergenceCurve fence =
      compared ? divergenceCurveFor(*compared, state.compare.threshold, state.layout) : DivergenceCurve{};
  applyShotCamera(probe, state.layout, state.aspect(), divergenceFramePoints(fence));
  return probe.pose;
}

void goHome(ViewerState& state, bool animate) {
  state.focusClipDepth.reset();
  // The view changed shape since the layout was made (a resize, panels shown or hidden): wrap afresh.
  const float shapeChange = state.aspect() / std::max(state.layoutOptions.frameAspect, 1e-3f);
  if (state.sceneSize.y > 0 && (shapeChange > 1.05f || shapeChange < 1.0f / 1.05f)) relayout(state);
  state.camera.fovY = kShotFovY;
  const CameraPose home = homeViewPose(state);
  state.homePose = home;
  state.camera.maxDistance = std::max(state.camera.maxDistance, home.distance * 4.0f);
  if (animate)
    flyTo(state, home, 0.6f);
  else {
    state.animation = CameraAnimation();
    state.camera.pose = home;
  }
  state.touch();
}

bool advanceAnimation(ViewerState& state, float dtSeconds) {
  if (state.animation.finished()) return false;
  state.animation.advance(dtSeconds);
  state.camera.pose = state.animation.current();
  state.touch();
  return !state.animation.finished();
}

void stopAnimation(ViewerState& state) { state.animation = CameraAnimation(); }

constexpr float kDefaultNearPlane = 0.05f;

void updateClipPlanes(ViewerState& state) {
  OrbitCamera& camera = state.camera;
  camera.nearPlane = kDefaultNearPlane;
  if (!state.focusClipDepth) return;
  float progress = 1.0f;
  if (!state.animation.finished() && state.animation.duration() > 0)
    progress = easeInOutCubic(state.animation.elapsed() / state.animation.duration());
  camera.nearPlane = std::max(kDefaultNearPlane, progress * (camera.pose.distance - *state.focusClipDepth));
}

void releaseFocusClip(ViewerState& state) {
  if (!state.focusClipDepth) return;
  state.focusClipDepth.reset();
  state.camera.nearPlane = kDefaultNearPlane;
  state.touch();
}

// --- selection ---

void select(ViewerState& state, const Selection& selection) {
  state.selection = validSelection(state, selection);
  state.touch();
}

Selection selectionFromHit(const PickHit& hit) {
  if (hit.layer < 0) return {};
  if (!hit.cell.onTile()) return Selection::ofLayer(hit.layer);
  if (hit.cell.y < 0 || hit.cell.x < 0) return Selection::ofChannel(hit.layer, hit.cell.channel);
  return Selection::ofCell(hit.layer, hit.cell.channel, hit.cell.y, hit.cell.x);
}

Bounds selectionBounds(const ViewerState& state, const Selection& s) {
  if (s.empty() || state.layout.slabForLayer(*s.layer) < 0) return state.layout.bounds;
  const Slab& slab = state.layout.slabs[state.layout.slabForLayer(*s.layer)];
  if (!s.hasChannel()) return slabBounds(slab);
  if (!s.hasCell()) {
    // A channel with a dataset chosen: its gallery of top examples floats beside the slab; frame it too.
    FaceRect framed = tileRect(slab, *s.channel);
    const std::optional<ChannelExamplesRequest> examples = selectedChannelExamples(state);
    if (examples && state.selection.layer == s.layer && state.selection.channel == s.channel)
      if (const std::optional<FaceRect> gallery = galleryArea(state.layout, examples->layer, examples->channel, kGalleryExamples)) {
        framed.min = glm::min(framed.min, gallery->min);
        framed.max = glm::max(framed.max, gallery->max);
      }
    return faceBox(slab, framed);
  }
  // A cell: its neighbourhood (7x7 cells, within the tile) so the values around it are readable.
  const FaceRect tile = tileRect(slab, *s.channel);
  const FaceRect cell = cellRect(slab, *s.channel, *s.y, *s.x);
  const glm::vec2 reach = cell.size() * 3.5f;
  FaceRect around{glm::max(tile.min, cell.centre() - reach), glm::min(tile.max, cell.centre() + reach)};
  return faceBox(slab, around);
}

namespace {
// Frames a slab, tile or cell from nearly in front, so its heat map reads like an image, and clips the
// slabs in front of it. The view may turn only as far as keeps the face's nearest edge within the kept depth.
CameraPose focusOn(ViewerState& state, const Bounds& bounds) {
  // Geometry of the clip: the focused face is at depth 0, the next slab at about `spacing` behind the eye's
  // side. Keeping `keep` = spacing/2 in front of the target, a view turned by angle a keeps the focused face
  // whole and cuts the next slab everywhere in view while (visible half-extent) * tan(a) < 0.4 * spacing.
  const float spacing = state.layoutOptions.slabSpacing;
  const float keep = spacing * 0.5f;
  std::vector<glm::vec3> corners;
  for (const glm::vec3& c : bounds.corners()) corners.push_back(c);
  const glm::vec3 half = bounds.size() * 0.5f;
  glm::vec2 visibleHalf(std::max(half.x, 1e-3f), std::max(half.y, 1e-3f));
  CameraPose pose;
  for (int pass = 0; pass < 2; ++pass) {
    const float maxYaw = std::min(0.45f, std::atan2(0.4f * spacing, visibleHalf.x));
    const float maxPitch = std::min(0.3f, std::atan2(0.4f * spacing, visibleHalf.y));
    const float yaw = std::clamp(state.camera.pose.yaw, -maxYaw, maxYaw);
    const float pitch = std::clamp(state.camera.pose.pitch, -maxPitch, maxPitch);
    pose = fitPose(corners, yaw, pitch, state.camera.fovY, state.aspect(), 0.15f);
    const float halfHeight = pose.distance * std::tan(state.camera.fovY * 0.5f);
    visibleHalf = glm::vec2(halfHeight * state.aspect(), halfHeight);
  }
  // Put the target on the face plane so zooming and the clip stay anchored there.
  pose.target.z = bounds.max.z;
  state.focusClipDepth = keep;
  return pose;
}
}  // namespace

void frameSelection(ViewerState& state) {
  if (state.layout.slabs.empty()) return;
  if (state.selection.empty()) {
    state.focusClipDepth.reset();
    const std::vector<glm::vec3> points = layoutContentPoints(state.layout, state.camera.pose.yaw);
    flyTo(state,
          fitPose(points, state.camera.pose.yaw, state.camera.pose.pitch, state.camera.fovY, state.aspect()));
    return;
  }
  flyTo(state, focusOn(state, selectionBounds(state, state.selection)));
}

void focusLayer(ViewerState& state, int layer) {
  const int slab = state.layout.slabForLayer(layer);
  if (slab < 0) return;
  select(state, Selection::ofLayer(state.layout.slabs[slab].displayLayer));
  frameSelection(state);
}

void focusHit(ViewerState& state, const PickHit& hit) {
  Selection s = selectionFromHit(hit);
  if (s.empty()) return;
  select(state, s);
  // Double-click goes to the tile as a whole; a further F frames the cell.
  const Selection target = s.hasChannel() ? Selection::ofChannel(*s.layer, *s.channel) : s;
  flyTo(state, focusOn(state, selectionBounds(state, target)));
}

void stepLayer(ViewerState& state, int delta) {
  const int slabs = static_cast<int>(state.layout.slabs.size());
  if (slabs == 0) return;
  int current = state.selection.empty() ? -1 : state.layout.slabForLayer(*state.selection.layer);
  int next = current < 0 ? (delta > 0 ? 0 : slabs - 1) : std::clamp(current + delta, 0, slabs - 1);
  focusLayer(state, state.layout.slabs[next].displayLayer);
}

// --- picking ---

std::optional<PickHit> pickAt(const ViewerState& state, const glm::vec2& windowPixel) {
  // While the playground is open the 3D view shows its world, not the model's slabs.
  if (state.layout.slabs.empty() || state.showPlayground) return std::nullopt;
  const glm::vec2 local = windowPixel - state.sceneOrigin;
  if (local.x < 0 || local.y < 0 || local.x >= state.sceneSize.x || local.y >= state.sceneSize.y)
    return std::nullopt;
  const Ray ray =
      screenRay(local, state.sceneSize, state.camera.view(), state.camera.projection(state.aspect()));
  return pick(
      ray, state.layout,
      cutAwaySlabs(state.layout, state.selection, state.camera.position(), state.view.cutAwayInFront));
}

float valueAt(const ViewerState& state, const PickHit& hit) {
  if (!state.snapshot || hit.slab < 0 || !hit.cell.onTile()) return std::numeric_limits<float>::quiet_NaN();
  const Slab& slab = state.layout.slabs[hit.slab];
  const long long index = valueIndex(slab.grid, hit.cell.channel, hit.cell.y, hit.cell.x);
  const auto& data = displayedSnapshot(state)->layers[hit.layer].output.data;  // what the tile shows
  if (index < 0 || index >= static_cast<long long>(data.size()))
    return std::numeric_limits<float>::quiet_NaN();
  return data[index];
}

glm::vec2 projectToWindow(const ViewerState& state, const glm::vec3& world) {
  const glm::vec4 clip =
      state.camera.projection(state.aspect()) * state.camera.view() * glm::vec4(world, 1.0f);
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return state.sceneOrigin +
         glm::vec2((ndc.x * 0.5f + 0.5f) * state.sceneSize.x, (0.5f - ndc.y * 0.5f) * state.sceneSize.y);
}

}  // namespace convoscope
