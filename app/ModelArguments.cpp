#include <filesystem>

#include "app/Commands.h"
#include "core/Errors.h"

namespace convoscope {

void ModelArguments::addTo(CLI::App* command, bool withImage) {
  command->add_option("--model,-m", model, "TorchScript model (.pt); default: the bundled Tiny VGG");
  if (withImage)
    command->add_option("--image,-i", image, "input image (PNG/JPEG/BMP/TGA); default: a sample");
  command->add_option("--input-shape", inputShape, "model input C,H,W when the model carries no metadata");
  command->add_option("--normalize", normalize, "none | imagenet | M,S | M1,M2,M3,S1,S2,S3");
  command->add_option("--memory-budget", memoryBudgetGiB, "GiB of captured activations allowed (default 2)");
}

LoadOptions ModelArguments::loadOptions() const {
  LoadOptions options;
  options.modelPath = model.empty() ? bundledModelPath() : model;
  if (!inputShape.empty()) options.inputShape = parseInputShape(inputShape);
  if (!normalize.empty()) options.normalization = parseNormalization(normalize);
  if (!(memoryBudgetGiB > 0)) throw InputError("--memory-budget must be positive");
  options.memoryBudgetBytes = static_cast<uint64_t>(memoryBudgetGiB * double(1ull << 30));
  return options;
}

std::string defaultImageFor(const CaptureModel& model, const std::string& fallback) {
  return defaultImageFor(model.metadata(), fallback);
}

std::string defaultImageFor(const ModelMetadata& metadata, const std::string& fallback) {
  const std::string& fromMetadata = metadata.defaultImage;
  if (!fromMetadata.empty()) {
    const auto candidate = std::filesystem::path(assetsDirectory()) / fromMetadata;
    if (std::filesystem::exists(candidate)) return candidate.string();
  }
  if (!fallback.empty() && std::filesystem::exists(fallback)) return fallback;
  return bundledDefaultImagePath();
}

std::string ModelArguments::imageOrDefault(const CaptureModel& captured) const {
  return image.empty() ? defaultImageFor(captured) : image;
}

}  // namespace convoscope
