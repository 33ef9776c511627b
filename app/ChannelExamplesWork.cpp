#include "app/ChannelExamplesWork.h"

#include <algorithm>
#include <filesystem>

#include "app/ExampleSheet.h"
#include "app/FeaturePictures.h"
#include "core/Errors.h"
#include "core/ResultCache.h"
#include "core/TextFormat.h"
#include "engine/TopExampleCache.h"

namespace convoscope {
namespace {

// One example for the 3D gallery: at most kFeaturePictureSide a side, its receptive field outlined.
FeaturePicture galleryPicture(const Image& image, PixelBox box, int layer, int channel) {
  Image small = image;
  const int longSide = std::max(image.width, image.height);
  if (longSide > kFeaturePictureSide) {
    const double f = static_cast<double>(kFeaturePictureSide) / longSide;
    small = resizeImage(image, std::max(1, static_cast<int>(image.width * f)), std::max(1, static_cast<int>(image.height * f)),
                        image.channels);
    box = {static_cast<int64_t>(box.y0 * f), static_cast<int64_t>(box.x0 * f), static_cast<int64_t>(box.y1 * f),
           static_cast<int64_t>(box.x1 * f)};
  }
  const int side = std::min(kFeaturePictureSide, 2 * std::min(small.width, small.height));
  return smallPicture(exampleSheet({small}, {box}, side, 0), layer, channel);
}

// What the strongest cell saw: the example cut to its receptive field, at a common size (a field clamped at the
// image's edge is smaller) so the crops line up in one sheet.
Image receptiveFieldCrop(const Image& image, const PixelBox& box) {
  if (box.empty()) return image;
  Image crop;
  crop.width = static_cast<int>(box.x1 - box.x0 + 1);
  crop.height = static_cast<int>(box.y1 - box.y0 + 1);
  crop.channels = image.channels;
  for (int64_t y = box.y0; y <= box.y1; ++y) {
    const uint8_t* row = &image.pixels[(static_cast<size_t>(y) * image.width + box.x0) * image.channels];
    crop.pixels.insert(crop.pixels.end(), row, row + static_cast<size_t>(crop.width) * image.channels);
  }
  return crop;
}

// The inspector's two pictures beside the cache. A cache that cannot be written (read-only home, full disk)
// only loses them: the paths are cleared and the gallery and the list still show.
void writeSheets(ChannelExamplesResult& result, const RgbaImage& sheet, std::vector<Image> crops) {
  int cropWidth = 1, cropHeight = 1;
  for (const Image& c : crops) cropWidth = std::max(cropWidth, c.width), cropHeight = std::max(cropHeight, c.height);
  for (Image& c : crops) c = resizeImage(c, cropWidth, cropHeight, c.channels);
  try {
    std::filesystem::create_directories(std::filesystem::path(result.sheetPath).parent_path());
    writePng(sheet, result.sheetPath);
    writePng(exampleSheet(crops, {}, 40, 3), result.cropsPath);
  } catch (const std::exception&) {
    result.sheetPath.clear();
    result.cropsPath.clear();
  }
}

}  // namespace

ChannelExamplesResult computeChannelExamples(const CaptureModel& model, const Snapshot& snapshot,
                                             const ChannelExamplesRequest& request,
                                             const std::function<void(float)>& progress) {
  const std::unique_ptr<ExampleSource> source = openExampleSource(request.dataset);
  const LayerExamples found = topExamplesCached(model, *source, request.layer, kGalleryExamples, progress).examples;
  const auto channel = std::find_if(found.channels.begin(), found.channels.end(),
                                    [&](const ChannelExamples& c) { return c.channel == request.channel; });
  if (channel == found.channels.end()) throw InputError("no examples for channel " + std::to_string(request.channel));
  const std::vector<int64_t>& chw = snapshot.inputShape;
  ChannelExamplesResult result;
  std::vector<Image> images, crops;
  std::vector<PixelBox> boxes;
  for (const TopExample& e : channel->examples) {
    images.push_back(resizeImage(source->image(e.index), static_cast<int>(chw[2]), static_cast<int>(chw[1]),
                                 chw[0] == 3 ? 3 : 1));
    boxes.push_back(receptiveField(snapshot, request.layer, e.y, e.x));
    crops.push_back(receptiveFieldCrop(images.back(), boxes.back()));
    result.examples.push_back({e.index, exampleLabelName(*source, snapshot.classNames, e.label), e.value, e.y, e.x});
    result.gallery.pictures.push_back(galleryPicture(images.back(), boxes.back(), request.layer, request.channel));
    result.gallery.pictures.back().caption = result.examples.back().labelName + " " + fixedNumber(e.value);
  }
  const std::string stem = cacheDirectory() + "/pictures/" + hexText(fileContentHash(model.path())) + "-examples-" +
                           hexText(textHash(source->fingerprint())) + "-" + std::to_string(request.layer) + "-" +
                           std::to_string(request.channel);
  result.sheetPath = stem + ".png";
  result.cropsPath = stem + "-crops.png";
  writeSheets(result, exampleSheet(images, boxes, 84, 4), crops);
  return result;
}

BackgroundJob<ChannelExamplesResult>::Work channelExamplesWork(std::shared_ptr<const CaptureModel> model,
                                                               std::shared_ptr<const Snapshot> snapshot,
                                                               ChannelExamplesRequest request) {
  return [model, snapshot, request](const BackgroundJob<ChannelExamplesResult>::Progress& progress) {
    return computeChannelExamples(*model, *snapshot, request, progress);
  };
}

}  // namespace convoscope
