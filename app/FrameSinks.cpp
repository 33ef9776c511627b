// The MP4 (ffmpeg) and PNG-folder frame sinks; see FrameSink.h.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "app/FrameSink.h"
#include "core/Errors.h"
#include "core/PngFile.h"

namespace convoscope {

namespace fs = std::filesystem;

namespace {

std::string errnoText(int error) { return std::strerror(error); }

fs::path folderOf(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// The folder must exist and be writable: checked before any rendering so mistakes cost no time.
void requireWritableFolder(const fs::path& folder, const std::string& output) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw InputError(output + ": cannot write there: folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    throw InputError(output + ": cannot write there: " + errnoText(errno) + " (folder " + folder.string() +
                     ")");
}

std::string hiddenSibling(const fs::path& path, const std::string& suffix) {
  const std::string name = path.filename().string();
  return (folderOf(path) / ("." + name + ".convoscope-" + std::to_string(::getpid()) + suffix)).string();
}

}  // namespace

std::string findOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/" + program;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return "";
}

bool isPngFrameName(const std::string& name) {
  if (name.size() != 16 || name.compare(0, 6, "frame-") != 0 || name.compare(12, 4, ".png") != 0)
    return false;
  return std::all_of(name.begin() + 6, name.begin() + 12,
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// ---------------------------------------------------------------- Mp4Sink

Mp4Sink::Mp4Sink(const std::string& path, int width, int height, double fps, EncoderSpeed speed)
    : path_(path), width_(width), height_(height) {
  if (width % 2 || height % 2)
    throw InputError("--size " + std::to_string(width) + "x" + std::to_string(height) +
                     ": an H.264 MP4 (yuv420p) needs an even width and height");
  const std::string ffmpeg = findOnPath("ffmpeg");
  if (ffmpeg.empty())
    throw std::runtime_error(path +
                             ": cannot record an MP4: the ffmpeg program is not on PATH (install ffmpeg, "
                             "e.g. apt install ffmpeg, or record PNG frames with -o FOLDER)");
  requireWritableFolder(folderOf(path), path);
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a folder; give a .mp4 file name");

  // Claim the temporary name ourselves so an unwritable folder fails here with the real reason.
  temp_ = hiddenSibling(path, ".part");
  const int probe = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (probe < 0) throw InputError(path + ": cannot write there: " + errnoText(errno));
  ::close(probe);

  std::string logTemplate = (fs::temp_directory_path() / "convoscope-ffmpeg-XXXXXX").string();
  const int logFd = ::mkstemp(logTemplate.data());
  if (logFd < 0) {
    ::unlink(temp_.c_str());
    throw std::runtime_error("cannot create a log file for ffmpeg in " + fs::temp_directory_path().string() +
                             ": " + errnoText(errno));
  }
  log_ = logTemplate;

  char rate[32];
  std::snprintf(rate, sizeof rate, "%.6g", fps);
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  std::vector<std::string> args = {
      ffmpeg, "-hide_banner", "-loglevel", "error", "-nostats", "-y",
      // Raw RGBA frames on stdin.
      "-f", "rawvideo", "-pix_fmt", "rgba", "-s", size, "-framerate", rate, "-i", "pipe:0", "-an",
      // BT.709 limited range, tagged, so players show the colours we rendered.
      "-vf", "scale=out_color_matrix=bt709:out_range=tv", "-colorspace", "bt709", "-color_primaries", "bt709",
      "-color_trc", "bt709", "-color_range", "tv", "-c:v", "libx264",
      // veryfast: a third of medium's CPU time for a file within a few percent of its size at this quality
      // (measured on tour frames); superfast for live recording (see EncoderSpeed). No trellis quantisation:
      // on 150 tour frames at 1080p it cost 14 % of the encoder's CPU for 0.04 dB PSNR and a 1 % larger file.
      "-preset", speed == EncoderSpeed::Realtime ? "superfast" : "veryfast", "-crf", "18", "-trellis", "0",
      "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", temp_};

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(logFd);
    abandon();
    throw std::runtime_error("cannot start ffmpeg: " + errnoText(error));
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  child_ = ::fork();
  if (child_ == 0) {
    // Its own process group: a Ctrl-C in the terminal reaches only us, and we finish the file ourselves.
    ::setpgid(0, 0);
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(fds[0], 0);
    ::dup2(logFd, 2);
    const int devNull = ::open("/dev/null", O_WRONLY);
    if (devNull >= 0) ::dup2(devNull, 1);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  const int forkError = errno;
  ::close(fds[0]);
  ::close(logFd);
  pipe_ = fds[1];
  if (child_ < 0) {
    abandon();
    throw std::runtime_error("cannot start ffmpeg: " + errnoText(forkError));
  }
}

Mp4Sink::~Mp4Sink() { abandon(); }

std::string Mp4Sink::encoderLog() const {
  std::ifstream in(log_);
  std::string line, last;
  // The last line that says something: ffmpeg ends some failures with a reason-less summary such as
  // "Error initializing output stream 0:0 -- " after the line that names the cause.
  while (std::getline(in, line)) {
    const size_t end = line.find_last_not_of(" \t\r");
    if (end == std::string::npos) continue;
    if (end >= 1 && line.compare(end - 1, 2, "--") == 0 && !last.empty()) continue;
    last = line;
  }
  return last;
}

int Mp4Sink::waitEncoder() {
  if (child_ <= 0) return 0;
  int status = 0;
  while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
  }
  child_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
}

void Mp4Sink::failEncoder(const std::string& what) {
  if (pipe_ >= 0) ::close(pipe_);
  pipe_ = -1;
  const int status = waitEncoder();
  std::string reason = encoderLog();
  if (reason.empty()) reason = "ffmpeg exited with status " + std::to_string(status);
  abandon();
  throw std::runtime_error(path_ + ": " + what + ": " + reason);
}

void Mp4Sink::write(const RgbaImage& frame) {
  if (finished_ || pipe_ < 0) throw std::logic_error("Mp4Sink: write after finish");
  if (frame.width != width_ || frame.height != height_) throw std::logic_error("Mp4Sink: frame size changed");
  const uint8_t* data = frame.pixels.data();
  size_t left = frame.pixels.size();
  while (left > 0) {
    const ssize_t n = ::write(pipe_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      failEncoder("encoding failed");  // EPIPE: ffmpeg has stopped (disk full, bad output, killed)
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
}

void Mp4Sink::finish() {
  if (finished_) return;
  ::close(pipe_);
  pipe_ = -1;
  const int status = waitEncoder();
  if (status != 0) {
    std::string reason = encoderLog();
    if (reason.empty()) reason = "ffmpeg exited with status " + std::to_string(status);
    abandon();
    throw std::runtime_error(path_ + ": encoding failed: " + reason);
  }
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    abandon();
    throw std::runtime_error(path_ + ": cannot move the finished video into place: " + errnoText(error));
  }
  ::unlink(log_.c_str());
  finished_ = true;
}

void Mp4Sink::abandon() noexcept {
  if (finished_) return;
  finished_ = true;
  if (pipe_ >= 0) ::close(pipe_);
  pipe_ = -1;
  if (child_ > 0) {
    ::kill(child_, SIGKILL);
    int status = 0;
    while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
    }
    child_ = -1;
  }
  if (!temp_.empty()) ::unlink(temp_.c_str());
  if (!log_.empty()) ::unlink(log_.c_str());
}

// ---------------------------------------------------------------- PngFolderSink

PngFolderSink::PngFolderSink(const std::string& folder) {
  fs::path path(folder);
  while (path.has_relative_path() && path.filename().empty())
    path = path.parent_path();  // "frames/" → "frames"
  folder_ = path.string();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    if (!fs::is_directory(path, ec)) throw InputError(folder_ + ": exists and is not a folder");
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (!isPngFrameName(entry.path().filename().string()))
        throw InputError(folder_ + ": the folder already holds other files (" +
                         entry.path().filename().string() + "); record into a new or empty folder");
  }
  requireWritableFolder(folderOf(path), folder_);
  temp_ = hiddenSibling(path, ".part");
  fs::remove_all(temp_, ec);
  if (!fs::create_directory(temp_, ec))
    throw InputError(folder_ +
                     ": cannot write there: " + (ec ? ec.message() : std::string("cannot create folder")));
}

PngFolderSink::~PngFolderSink() { abandon(); }

void PngFolderSink::write(const RgbaImage& frame) {
  char name[32];
  std::snprintf(name, sizeof name, "frame-%06lld.png", frames_);
  errno = 0;
  try {
    writePng(frame, (fs::path(temp_) / name).string());
  } catch (const std::exception&) {
    const int error = errno;
    abandon();
    throw std::runtime_error(folder_ + ": cannot write " + name +
                             (error ? ": " + errnoText(error) : std::string()));
  }
  ++frames_;
}

void PngFolderSink::finish() {
  if (finished_) return;
  std::error_code ec;
  if (fs::exists(folder_, ec)) {
    // A previous recording's frames: replace them all (a shorter tour must not leave stale frames behind).
    for (const auto& entry : fs::directory_iterator(folder_, ec))
      if (isPngFrameName(entry.path().filename().string())) fs::remove(entry.path(), ec);
    fs::remove(folder_,
               ec);  // fails when something else appeared meanwhile; the rename below then reports it
  }
  if (std::rename(temp_.c_str(), folder_.c_str()) != 0) {
    const int error = errno;
    abandon();
    throw std::runtime_error(folder_ + ": cannot move the frames into place: " + errnoText(error));
  }
  finished_ = true;
}

void PngFolderSink::abandon() noexcept {
  if (finished_) return;
  finished_ = true;
  std::error_code ec;
  if (!temp_.empty()) fs::remove_all(temp_, ec);
}

// ---------------------------------------------------------------- choosing one

std::unique_ptr<FrameSink> makeFrameSink(const std::string& output, int width, int height, double fps) {
  if (output.empty()) throw InputError("-o: give a .mp4 file or a folder for PNG frames");
  std::string ext = fs::path(output).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  std::error_code ec;
  const bool folderLike = output.back() == '/' || fs::is_directory(output, ec) || ext.empty();
  if (ext == ".mp4" && !folderLike) return std::make_unique<Mp4Sink>(output, width, height, fps);
  if (folderLike) return std::make_unique<PngFolderSink>(output);
  throw InputError("-o " + output + ": expected a .mp4 file, or a folder (no extension) for PNG frames");
}

}  // namespace convoscope
