#pragma once
// Costly, stable results kept on disk and keyed by content: the key is text naming everything the result
// depends on (for a feature visualization: a hash of the model file's bytes, the layer, channel and every
// setting), so a changed model or setting simply misses. Each file holds a header — a magic word, the format
// version, the full key and the payload's size and checksum — so a stale, truncated, corrupt or colliding file
// reads as absent (and is rewritten). Writes are atomic (core/AtomicFile.h); a cache that cannot be written is
// only slower, never an error.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convoscope {

// $CONVOSCOPE_CACHE_DIR, else $XDG_CACHE_HOME/convoscope, else $HOME/.cache/convoscope.
std::string cacheDirectory();

// 64-bit FNV-1a of a file's bytes, or of text; InputError naming the file when it cannot be read.
uint64_t fileContentHash(const std::string& path);
uint64_t textHash(const std::string& text);
std::string hexText(uint64_t value);

// A cache file's bytes → its payload when they are a valid entry for exactly `key` (fuzzed: fuzz_result_cache).
std::optional<std::vector<uint8_t>> parseCacheEntry(const std::vector<uint8_t>& file, const std::string& key);
std::vector<uint8_t> encodeCacheEntry(const std::string& key, const std::vector<uint8_t>& payload);

// `kind` names a sub-folder ("features"). The payload, when a valid entry for exactly this key exists in
// `directory` (the user's cache by default; a read-only bundled cache can be asked too).
std::optional<std::vector<uint8_t>> readCached(const std::string& kind, const std::string& key,
                                               const std::string& directory = cacheDirectory());
// False when it could not be written (read-only home, full disk): the caller goes on without it.
bool writeCached(const std::string& kind, const std::string& key, const std::vector<uint8_t>& payload);

}  // namespace convoscope
