// Inputs that fuzz/ found crashing (fuzz/regressions/<target>/), run through the same functions as the fuzz
// targets: each must now end in a value or an InputError. Add a file there for every fixed finding.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/Errors.h"
#include "core/ImageInput.h"
#include "core/ModelMetadata.h"

namespace convoscope {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> regressionInputs(const std::string& target) {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(CONVOSCOPE_SOURCE_DIR) / "fuzz" / "regressions" / target))
    files.push_back(entry.path());
  return files;
}

std::string bytesOf(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(FuzzRegressions, CorruptImagesAreInputErrors) {
  const auto files = regressionInputs("image");
  ASSERT_FALSE(files.empty());
  for (const auto& file : files) {
    const std::string bytes = bytesOf(file);
    // From memory (as the fuzzer feeds it) and from the file (as the app opens it).
    EXPECT_THROW(decodeImage(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), file.string()),
                 InputError)
        << file;
    try {
      loadImage(file.string());
      ADD_FAILURE() << file << " loaded";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
    }
  }
}

TEST(FuzzRegressions, JpegWithOversizedHuffmanTableIsNamed) {
  const auto file = fs::path(CONVOSCOPE_SOURCE_DIR) / "fuzz/regressions/image/jpeg-dht-counts-over-256.jpg";
  try {
    loadImage(file.string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Huffman"), std::string::npos) << e.what();
  }
}

TEST(FuzzRegressions, ModelMetadataIsAnInputError) {
  for (const auto& file : regressionInputs("model_metadata")) {
    const std::string bytes = bytesOf(file);
    ASSERT_FALSE(bytes.empty());
    const std::string text = bytes.substr(1);
    // The fuzz target's first byte picks the parser; the findings so far are all convoscope.json text.
    EXPECT_THROW(parseModelMetadata(text, file.string()), InputError) << file;
  }
  EXPECT_THROW(parseModelMetadata(R"({"input_shape": [1e400]})", "big.json"), InputError);
}

TEST(FuzzRegressions, SerializedMetadataWithoutShapeParsesBack) {
  ModelMetadata meta;
  meta.displayName = "no shape";
  EXPECT_NO_THROW(parseModelMetadata(serializeModelMetadata(meta), "round-trip.json"));
}

TEST(FuzzRegressions, ImagesAboveThePixelLimitAreRefusedBeforeDecoding) {
  // A BMP header claiming 9000x9000 (81 MP, each side under kMaxImageSide) with no pixel data behind it.
  std::vector<uint8_t> bmp(54, 0);
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) bmp[at + i] = static_cast<uint8_t>(v >> (8 * i));
  };
  bmp[0] = 'B', bmp[1] = 'M';
  put32(2, 54), put32(10, 54), put32(14, 40), put32(18, 9000), put32(22, 9000);
  bmp[26] = 1, bmp[28] = 24;
  try {
    decodeImage(bmp.data(), bmp.size(), "huge.bmp");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("megapixel"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace convoscope
