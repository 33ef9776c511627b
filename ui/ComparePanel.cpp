#include "ui/ComparePanel.h"

#include <imgui.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/ImageInput.h"
#include "ui/PanelWidgets.h"
#include "ui/Theme.h"

namespace convoscope {
namespace {

void sourcePicker(ViewerState& state) {
  CompareRequest& r = state.compare.request;
  int source = static_cast<int>(r.source);
  ImGui::RadioButton("image", &source, 0);
  ImGui::SameLine();
  ImGui::RadioButton("FGSM", &source, 1);
  ImGui::SameLine();
  ImGui::RadioButton("PGD", &source, 2);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("B is another image, or A changed on purpose to fool the network:\n"
                      "FGSM steps once along the sign of the loss gradient; PGD takes small steps\n"
                      "and stays within epsilon of A.");
  r.source = static_cast<CompareSource>(source);
}

void imageSource(ViewerState& state) {
  CompareRequest& r = state.compare.request;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::BeginCombo("##sampleB", r.imagePath.empty() ? "choose a sample…" : fileName(r.imagePath).c_str())) {
    for (const std::string& path : state.samplePaths)
      if (ImGui::Selectable(fileName(path).c_str(), path == r.imagePath)) {
        r.imagePath = path;
        requestCompare(state, r);
      }
    ImGui::EndCombo();
  }
  char buffer[1024];
  std::snprintf(buffer, sizeof buffer, "%s", r.imagePath.c_str());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::InputTextWithHint("##pathB", "or an image file for B", buffer, sizeof buffer,
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    r.imagePath = buffer;
    requestCompare(state, r);
  }
}

void targetPicker(ViewerState& state) {
  CompareRequest& r = state.compare.request;
  const std::vector<std::string>& names = state.snapshot->classNames;
  const int classes = static_cast<int>(state.snapshot->probabilities.size());
  const auto nameOf = [&](int k) { return k < static_cast<int>(names.size()) ? names[k] : "class " + std::to_string(k); };
  const std::string shown = r.target ? "towards " + nameOf(*r.target) : "away from A's class";
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::BeginCombo("##target", shown.c_str())) {
    if (ImGui::Selectable("away from A's class", !r.target)) {
      r.target.reset();
      requestCompare(state, r);
    }
    for (int k = 0; k < classes; ++k)
      if (ImGui::Selectable(("towards " + nameOf(k)).c_str(), r.target == k)) {
        r.target = k;
        requestCompare(state, r);
      }
    ImGui::EndCombo();
  }
}

// ε in 8-bit levels: what the attack can actually change.
void attackSource(ViewerState& state) {
  CompareRequest& r = state.compare.request;
  int levels = static_cast<int>(std::floor(r.epsilon * 255.0f + 1e-3f));  // what the attack can use
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  const bool moved = ImGui::SliderInt("##epsilon", &levels, 0, 64, "epsilon %d/255");
  r.epsilon = levels / 255.0f;
  const bool pgd = r.source == CompareSource::Pgd;
  // FGSM is one gradient: B follows the slider live. PGD takes many: it starts when the slider is let go.
  if ((moved && !pgd) || (pgd && ImGui::IsItemDeactivatedAfterEdit())) requestCompare(state, r);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How far each pixel of B may differ from A (0..255 levels)");
  if (pgd) {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    ImGui::SliderInt("##steps", &r.steps, 1, 50, "%d steps");
    if (ImGui::IsItemDeactivatedAfterEdit()) requestCompare(state, r);
  }
  targetPicker(state);
  if (ImGui::Button(pgd ? "Run PGD" : "Make B")) requestCompare(state, r);
}

void viewPicker(ViewerState& state) {
  int view = static_cast<int>(state.compare.view);
  bool changed = ImGui::RadioButton("A", &view, 0);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("B", &view, 1);
  ImGui::SameLine();
  changed |= ImGui::RadioButton("A \xE2\x88\x92 B", &view, 2);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("What the slabs show (C cycles)");
  if (changed) setCompareView(state, static_cast<CompareView>(view));
}

// Relative distance per layer as bars, the first layer past the threshold named, with a button to fly there.
void divergencePlot(ViewerState& state, const CompareResult& r) {
  std::vector<float> distances;
  for (const LayerDivergence& d : r.divergence)
    distances.push_back(d.distance() ? static_cast<float>(*d.distance()) : NAN);
  ImGui::PlotHistogram("##divergence", distances.data(), static_cast<int>(distances.size()), 0,
                       "distance of B from A, per layer", 0.0f, FLT_MAX,
                       ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * 4));
  const DivergenceCurve curve = divergenceCurveFor(r, state.compare.threshold, state.layout);
  if (curve.firstSlab < 0) {
    mutedText("No layer is %.2f or more apart.", state.compare.threshold);
    return;
  }
  const int first = state.layout.slabs[curve.firstSlab].layer;  // as firstDivergentLayerShown names it
  ImGui::TextWrapped("The paths part at %s (%.2f).", state.snapshot->layers[first].name.c_str(),
                     curve.distanceAtFirst);
  if (ImGui::SmallButton("Fly there")) focusLayer(state, first);
}

void savePicker(ViewerState& state, const CompareResult& r) {
  std::string& path = state.panels.compareSavePath;
  char buffer[1024];
  std::snprintf(buffer, sizeof buffer, "%s", path.c_str());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.62f);
  if (ImGui::InputText("##saveB", buffer, sizeof buffer)) path = buffer;
  ImGui::SameLine();
  if (!ImGui::Button("Save B")) return;
  try {
    savePng(pixelsToImage(r.pixels, r.geometry), path);
    reportMessage(state, "Saved B to " + path, false);
  } catch (const std::exception& e) {
    reportMessage(state, e.what());
  }
}

void shownComparison(ViewerState& state, const CompareResult& r) {
  const ClassScore b = r.b->top(1).at(0), a = state.snapshot->top(1).at(0);
  ImGui::PushFont(uiFonts().bold);
  ImGui::TextWrapped("B: %s (%.1f%%)%s", b.label.c_str(), 100.0f * b.probability,
                     b.index != a.index ? ", not A's class" : "");
  ImGui::PopFont();
  if (!r.note.empty()) mutedText("%s", r.note.c_str());
  const int levels = r.smallestFlip ? static_cast<int>(std::lround(*r.smallestFlip * 255)) : 0;
  if (r.smallestFlip && state.compare.shownRequest.target)
    mutedText("FGSM reaches the target from epsilon %d/255 on.", levels);
  else if (r.smallestFlip)
    mutedText("FGSM flips A's class from epsilon %d/255 on.", levels);
  viewPicker(state);
  divergencePlot(state, r);
  savePicker(state, r);
  if (ImGui::SmallButton("Remove B")) clearCompare(state);
}

}  // namespace

void drawComparePanel(ViewerState& state) {
  if (!state.snapshot) return;
  CompareState& c = state.compare;
  sourcePicker(state);
  if (c.request.isAttack())
    attackSource(state);
  else
    imageSource(state);
  if (c.computing) ImGui::ProgressBar(c.progress, ImVec2(-1, 0), "making B…");
  if (!c.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", c.error.c_str());
  if (const CompareResult* r = visibleCompare(state))
    shownComparison(state, *r);
  else
    mutedText("Pick a second input B to see where its path through the network parts from A's.");
}

}  // namespace convoscope
