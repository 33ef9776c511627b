#pragma once
// The inspector's "Fires most on" section (ui/ChannelExamples.h): the selected channel's top dataset examples
// with their receptive fields outlined and their labels, or a field to choose the dataset folder.
namespace convoscope {

struct ViewerState;

void drawChannelExamplesSection(ViewerState& state);

}  // namespace convoscope
