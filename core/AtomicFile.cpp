#include "core/AtomicFile.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace convoscope {

void writeFileAtomically(const std::string& path, const void* data, size_t size, const std::string& what) {
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  auto failure = [&](int error) {
    return std::runtime_error(path + ": cannot write " + what + " (" + std::strerror(error) + ")");
  };
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw failure(errno);
  auto abandon = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw failure(error);
  };
  const char* bytes = static_cast<const char*>(data);
  size_t written = 0;
  while (written < size) {
    const ssize_t n = ::write(fd, bytes + written, size - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) abandon(n < 0 ? errno : EIO);
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) abandon(errno);
  struct stat previous {};
  // mkstemp made it 0600: keep the mode of the file it replaces, or the usual 0644.
  ::fchmod(fd, ::stat(path.c_str(), &previous) == 0 ? (previous.st_mode & 07777) : 0644);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw failure(error);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw failure(error);
  }
}

}  // namespace convoscope
