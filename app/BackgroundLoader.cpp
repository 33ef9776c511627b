#include "app/BackgroundLoader.h"

#include <chrono>
#include <filesystem>

#include "app/Commands.h"
#include "app/StartupSnapshot.h"
#include "core/Errors.h"
#include "ui/PanelWidgets.h"

namespace convoscope {

namespace {

std::string imageFor(const LoadRequest& request, const CaptureModel& model, const std::string& currentImage) {
  return request.imagePath.empty() ? defaultImageFor(model, currentImage) : request.imagePath;
}

}  // namespace

void BackgroundLoader::start(const LoadRequest& request, std::shared_ptr<CaptureModel> current,
                             const std::string& currentImage, const std::optional<std::string>& startupKey) {
  LoadOptions options = base_;
  if (!request.modelPath.empty()) {
    options.modelPath = request.modelPath;
    if (request.inputShape)
      options.inputShape = request.inputShape;
    else if (request.modelPath != base_.modelPath)
      options.inputShape.reset();  // the flag was for the first model
    what_ = "Loading " + fileName(request.modelPath) + "...";
  } else {
    what_ = "Running " + fileName(request.imagePath) + "...";
  }
  job_ = std::async(std::launch::async, [request, options, current, currentImage, startupKey]() {
    LoadOutcome out;
    out.modelPath = request.modelPath.empty() && current ? current->path() : request.modelPath;
    try {
      std::shared_ptr<CaptureModel> model = current;
      if (!request.modelPath.empty()) {
        model = std::shared_ptr<CaptureModel>(CaptureModel::load(options));
        out.model = model;
      }
      if (!model) throw InputError("no model loaded yet; open a .pt file first");
      out.imagePath = imageFor(request, *model, currentImage);
      if (startupKey) {
        CachedSnapshot entry = captureStartupSnapshot(*model, out.imagePath);
        writeStartupSnapshot(*startupKey, entry);
        out.snapshot = std::make_shared<const Snapshot>(std::move(entry.snapshot));
      } else {
        out.snapshot = std::make_shared<const Snapshot>(model->runImage(out.imagePath));
      }
    } catch (const std::exception& e) {
      out.model.reset();
      out.snapshot.reset();
      // A model without an input shape: the UI asks for C,H,W instead of showing the message.
      if (dynamic_cast<const MissingInputShapeError*>(&e) && !request.modelPath.empty())
        out.modelNeedingShape = request.modelPath;
      else
        out.error = e.what();
    }
    return out;
  });
}

std::optional<LoadOutcome> BackgroundLoader::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return std::nullopt;
  LoadOutcome out = job_.get();
  what_.clear();
  return out;
}

}  // namespace convoscope
