// libFuzzer target: torch::jit::load and CaptureModel::load (taps, sizing run, metadata) on mutated small
// models. Input: "CVSF" + zip members uncompressed (see make_model_seed.py), written back into a valid
// stored zip so mutations reach the TorchScript code, the pickles and the tensor data rather than dying on a
// CRC; any other input is written to the .pt as it is (the container itself). Loading must end in a model or
// an InputError; a loaded model must run.
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/Errors.h"
#include "engine/CaptureModel.h"

namespace {

void put16(std::vector<uint8_t>& out, uint32_t v) {
  out.push_back(v & 0xff);
  out.push_back((v >> 8) & 0xff);
}
void put32(std::vector<uint8_t>& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

struct Member {
  std::string name;
  const uint8_t* data;
  uint32_t size;
};

// Parses the record format; false when the input is not one.
bool parseMembers(const uint8_t* data, size_t size, std::vector<Member>& members) {
  if (size < 4 || std::memcmp(data, "CVSF", 4) != 0) return false;
  size_t at = 4;
  while (at < size) {
    const void* nul = std::memchr(data + at, 0, size - at);
    if (!nul) return false;
    const size_t nameEnd = static_cast<const uint8_t*>(nul) - data;
    if (nameEnd == at || nameEnd - at > 200 || nameEnd + 5 > size) return false;
    uint32_t length;
    std::memcpy(&length, data + nameEnd + 1, 4);
    const size_t begin = nameEnd + 5;
    if (length > size - begin) return false;
    members.push_back(
        {std::string(reinterpret_cast<const char*>(data + at), nameEnd - at), data + begin, length});
    at = begin + length;
  }
  return !members.empty() && members.size() < 64;
}

// A stored (uncompressed) zip with correct CRCs, like torch.jit.save writes.
std::vector<uint8_t> storedZip(const std::vector<Member>& members) {
  std::vector<uint8_t> out, central;
  for (const Member& m : members) {
    const uint32_t crc = static_cast<uint32_t>(crc32(0, m.data, m.size));
    const uint32_t offset = static_cast<uint32_t>(out.size());
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0);
    put32(out, crc), put32(out, m.size), put32(out, m.size);
    put16(out, static_cast<uint32_t>(m.name.size())), put16(out, 0);
    out.insert(out.end(), m.name.begin(), m.name.end());
    out.insert(out.end(), m.data, m.data + m.size);
    put32(central, 0x02014b50);
    put16(central, 20), put16(central, 20), put16(central, 0), put16(central, 0), put16(central, 0),
        put16(central, 0);
    put32(central, crc), put32(central, m.size), put32(central, m.size);
    put16(central, static_cast<uint32_t>(m.name.size())), put16(central, 0), put16(central, 0);
    put16(central, 0), put16(central, 0), put32(central, 0), put32(central, offset);
    central.insert(central.end(), m.name.begin(), m.name.end());
  }
  const uint32_t centralOffset = static_cast<uint32_t>(out.size());
  out.insert(out.end(), central.begin(), central.end());
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<uint32_t>(members.size())), put16(out, static_cast<uint32_t>(members.size()));
  put32(out, static_cast<uint32_t>(central.size())), put32(out, centralOffset);
  put16(out, 0);
  return out;
}

std::string modelFile() {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/convoscope-fuzz-model-" + std::to_string(::getpid()) +
         ".pt";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace convoscope;
  static const std::string path = modelFile();
  std::vector<Member> members;
  std::vector<uint8_t> bytes =
      parseMembers(data, size, members) ? storedZip(members) : std::vector<uint8_t>(data, data + size);
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  LoadOptions options;
  options.modelPath = path;
  options.sidecarPath = "";
  options.memoryBudgetBytes = 64ull << 20;  // mutated shapes must be refused, not allocated
  std::unique_ptr<CaptureModel> model;
  try {
    model = CaptureModel::load(options);
  } catch (const InputError&) {
    // The contract: a bad model file is an InputError (exit 2, one line); anything else escaping is a
    // finding.
  }
  if (model) {
    int64_t values = 1;
    for (int64_t d : model->metadata().inputShape) values *= d;
    try {
      model->run(std::vector<float>(static_cast<size_t>(values), 0.5f));
    } catch (const std::exception&) {
      // A forward pass failing on a loaded model is reported as a message (exit 1), not a crash.
    }
  }
  std::remove(path.c_str());
  return 0;
}
