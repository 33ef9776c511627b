#include "core/ResultCache.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/AtomicFile.h"
#include "core/Errors.h"

namespace convoscope {
namespace {

constexpr char kMagic[8] = {'C', 'S', 'C', 'A', 'C', 'H', 'E', '1'};
constexpr uint64_t kFnvOffset = 1469598103934665603ull, kFnvPrime = 1099511628211ull;

uint64_t fnv(uint64_t hash, const uint8_t* data, size_t size) {
  for (size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * kFnvPrime;
  return hash;
}

void putU64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

bool getU64(const std::vector<uint8_t>& in, size_t& at, uint64_t& v) {
  if (at + 8 > in.size()) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(in[at + i]) << (8 * i);
  at += 8;
  return true;
}

std::filesystem::path entryPath(const std::string& kind, const std::string& key,
                                const std::string& directory = cacheDirectory()) {
  return std::filesystem::path(directory) / kind / (hexText(textHash(key)) + ".bin");
}

}  // namespace

std::string cacheDirectory() {
  if (const char* dir = std::getenv("CONVOSCOPE_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/convoscope";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.cache/convoscope";
}

uint64_t fileContentHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the file (" + std::strerror(errno) + ")");
  uint64_t hash = kFnvOffset;
  std::vector<char> buffer(1 << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    hash = fnv(hash, reinterpret_cast<const uint8_t*>(buffer.data()), static_cast<size_t>(in.gcount()));
  return hash;
}

uint64_t textHash(const std::string& text) {
  return fnv(kFnvOffset, reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

std::string hexText(uint64_t value) {
  static const char* digits = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[i] = digits[value & 15];
  return text;
}

std::optional<std::vector<uint8_t>> parseCacheEntry(const std::vector<uint8_t>& file, const std::string& key) {
  if (file.size() < sizeof kMagic || std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
  size_t at = sizeof kMagic;
  uint64_t keySize = 0, payloadSize = 0, checksum = 0;
  if (!getU64(file, at, keySize) || keySize > file.size() - at) return std::nullopt;
  if (std::string(file.begin() + at, file.begin() + at + keySize) != key) return std::nullopt;  // a collision
  at += keySize;
  if (!getU64(file, at, payloadSize) || !getU64(file, at, checksum) || payloadSize != file.size() - at)
    return std::nullopt;
  std::vector<uint8_t> payload(file.begin() + at, file.end());
  if (fnv(kFnvOffset, payload.data(), payload.size()) != checksum) return std::nullopt;
  return payload;
}

std::vector<uint8_t> encodeCacheEntry(const std::string& key, const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> file(kMagic, kMagic + sizeof kMagic);
  putU64(file, key.size());
  file.insert(file.end(), key.begin(), key.end());
  putU64(file, payload.size());
  putU64(file, fnv(kFnvOffset, payload.data(), payload.size()));
  file.insert(file.end(), payload.begin(), payload.end());
  return file;
}

std::optional<std::vector<uint8_t>> readCached(const std::string& kind, const std::string& key,
                                               const std::string& directory) {
  std::ifstream in(entryPath(kind, key, directory), std::ios::binary);
  if (!in) return std::nullopt;
  return parseCacheEntry(std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()),
                         key);
}

bool writeCached(const std::string& kind, const std::string& key, const std::vector<uint8_t>& payload) {
  const std::vector<uint8_t> file = encodeCacheEntry(key, payload);
  try {
    const std::filesystem::path path = entryPath(kind, key);
    std::filesystem::create_directories(path.parent_path());
    writeFileAtomically(path.string(), file.data(), file.size(), "a cache entry");
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace convoscope
