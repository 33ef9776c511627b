#pragma once
// Top dataset examples as one picture: the images side by side, scaled up by whole pixels, each with the
// receptive field of its strongest cell outlined (core/ReceptiveField.h), as `top-examples -o` writes them.
#include <vector>

#include <string>

#include "core/ExampleSource.h"
#include "core/ImageInput.h"
#include "core/PngFile.h"
#include "core/ReceptiveField.h"

namespace convoscope {

// `images` are shown at the model's input size (the box is in those pixels); `boxes` parallel to them.
RgbaImage exampleSheet(const std::vector<Image>& images, const std::vector<PixelBox>& boxes, int side = 112,
                       int gap = 6);

// The dataset's class name (an image folder's sub-folder), else the model's name for that class number.
std::string exampleLabelName(const ExampleSource& source, const std::vector<std::string>& modelClassNames, int label);

}  // namespace convoscope
