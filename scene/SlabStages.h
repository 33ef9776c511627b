#pragma once
// The stages of a wrapped network, so a lecturer can point at "layer3" in an overview of seventy slabs: runs
// of slabs within one lane that belong to one top-level module (a ResNet's layer2) or, when the network is
// one big module (VGG's and MobileNet's "features"), whose maps share one spatial size (a VGG block between
// two poolings); named after the modules they hold and the shape they end with.
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "scene/SlabLayout.h"

namespace convoscope {

// SceneLayout::stages, made by layoutSlabs. Empty for a network in one lane (its slab labels say it all).
// Left out: stages of one slab (its own label names it) and the flat head (its few slabs name it).
std::vector<SlabStage> slabStages(const Snapshot& snapshot, const SceneLayout& layout);

// The module a layer belongs to, for a stage's name: its first name part ("layer2" of "layer2.0.conv1"), or
// the first two when the second is a block number ("features.3" of "features.3.conv.0").
std::string stageModule(const std::string& layerName);

}  // namespace convoscope
