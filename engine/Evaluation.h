#pragma once
// Accuracy of a model on a labelled image set, through the same preprocessing the viewer uses.
#include "core/IdxDataset.h"
#include "engine/CaptureModel.h"

namespace convoscope {

struct EvaluationResult {
  int count = 0;
  int correct = 0;
  double accuracy() const { return count ? static_cast<double>(correct) / count : 0.0; }
};

EvaluationResult evaluateModel(const CaptureModel& model, const IdxDataset& data);

}  // namespace convoscope
