#include "ui/ChannelExamplesPanel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "core/TextFormat.h"
#include "renderer/ThumbnailTextures.h"
#include "ui/PanelWidgets.h"
#include "ui/ViewerState.h"

namespace convoscope {
namespace {

// The dataset folder: typed (Enter or "Use") to choose or change it.
void datasetField(ViewerState& state) {
  ChannelExamplesState& e = state.channelExamples;
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Use").x - ImGui::GetStyle().FramePadding.x * 4);
  const bool entered = ImGui::InputTextWithHint("##examples", "dataset folder (IDX or one folder per class)",
                                                &e.datasetDraft, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Use") || entered) && !e.datasetDraft.empty()) setExampleDataset(state, e.datasetDraft);
}

// A picture file as wide as the panel, with a tooltip.
void sheetImage(const ViewerState& state, const std::string& path, const char* tooltip) {
  const Thumbnail t = state.thumbnails ? state.thumbnails->get(path) : Thumbnail{};
  if (t.failed()) return;
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.texture)),
               ImVec2(width, width * t.height / std::max(t.width, 1)));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
}

void exampleList(const std::vector<ExampleEntry>& examples) {
  std::string text;
  for (size_t i = 0; i < examples.size(); ++i)
    text += (i ? "  ·  " : "") + examples[i].labelName + " " + fixedNumber(examples[i].value);
  ImGui::PushTextWrapPos(0.0f);
  mutedText("%s", text.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

void drawChannelExamplesSection(ViewerState& state) {
  if (!selectedChannelFeature(state)) return;
  ChannelExamplesState& e = state.channelExamples;
  ImGui::Spacing();
  sectionHeading("Fires most on");
  const std::optional<ChannelExamplesRequest> wanted = selectedChannelExamples(state);
  if (!wanted) {
    mutedText("Which dataset images excite this channel most? Choose a dataset:");
    datasetField(state);
    return;
  }
  if (!(e.shown == *wanted)) {
    ImGui::ProgressBar(e.computing ? e.progress : 0.0f, ImVec2(-1, 0), "reading the dataset…");
    return;
  }
  if (!e.error.empty()) {
    ImGui::TextWrapped("%s", e.error.c_str());
    datasetField(state);
    return;
  }
  sheetImage(state, e.pictures.sheetPath,
             "The dataset images on which this channel's strongest cell is highest, strongest first;\n"
             "the outline is that cell's receptive field (`convoscope top-examples` makes the same).");
  exampleList(e.pictures.examples);
  sheetImage(state, e.pictures.cropsPath, "What the strongest cell saw: each example cut to its receptive field.");
  mutedText("from %s", fileName(e.dataset).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.dataset.c_str());
}

}  // namespace convoscope
