#pragma once
// Where the files that ship with Convoscope are: the bundled model, its default image, the read-only caches.
// Found relative to the source tree or the installed binary. Plain paths: no torch, so the binary's model-free
// commands can ask before (or without) opening the engine.
#include <string>

namespace convoscope {

// This process's executable (/proc/self/exe); "" when it cannot be read.
std::string executablePath();

std::string assetsDirectory();
std::string bundledModelPath();         // models/tiny-vgg.pt beside assets/
std::string bundledDefaultImagePath();  // assets/samples/default.png
std::string bundledCacheDirectory();    // assets/cache: read, never written

}  // namespace convoscope
