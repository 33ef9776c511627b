#pragma once
// Where recorded frames go: an MP4 through the ffmpeg program, or a folder of numbered PNGs. Both write under
// a temporary name and move it into place only in finish(), so a failed or abandoned recording never leaves
// a file under the final name that looks complete.
#include <sys/types.h>

#include <memory>
#include <string>

#include "renderer/Framebuffer.h"

namespace convoscope {

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // Throws std::runtime_error (one line, naming the output) when the frame cannot be written.
  virtual void write(const RgbaImage& frame) = 0;
  // Completes the output and moves it to its final name. Throws like write().
  virtual void finish() = 0;
  // Removes everything written so far; never throws. The destructor abandons an unfinished sink.
  virtual void abandon() noexcept = 0;
  virtual std::string describe() const = 0;  // "walk.mp4 (H.264)" for messages
};

// H.264 / yuv420p MP4 with +faststart, encoded by `ffmpeg` found on PATH. Throws InputError when ffmpeg is
// missing, the size is odd (yuv420p needs even sizes) or the folder cannot be written.
// How hard x264 works: Compact (preset veryfast, for `record`, which renders offline at its own pace) or
// Realtime (superfast: ~30 % less CPU per frame for a ~45 % larger file at the same quality, so that a live
// 1080p recording on two cores keeps up with the window instead of slowing it down).
enum class EncoderSpeed { Compact, Realtime };

class Mp4Sink : public FrameSink {
 public:
  Mp4Sink(const std::string& path, int width, int height, double fps,
          EncoderSpeed speed = EncoderSpeed::Compact);
  ~Mp4Sink() override;
  void write(const RgbaImage& frame) override;
  void finish() override;
  void abandon() noexcept override;
  std::string describe() const override { return path_ + " (H.264 MP4)"; }

 private:
  [[noreturn]] void failEncoder(const std::string& what);
  int waitEncoder();               // exit status of ffmpeg as the shell reports it (128 + signal when killed)
  std::string encoderLog() const;  // ffmpeg's last message line
  std::string path_, temp_, log_;
  int width_, height_;
  int pipe_ = -1;
  pid_t child_ = -1;
  bool finished_ = false;
};

// frame-000000.png, frame-000001.png, ... in a folder (created when missing; must hold nothing else).
class PngFolderSink : public FrameSink {
 public:
  explicit PngFolderSink(const std::string& folder);
  ~PngFolderSink() override;
  void write(const RgbaImage& frame) override;
  void finish() override;
  void abandon() noexcept override;
  std::string describe() const override { return folder_ + "/ (PNG frames)"; }

 private:
  std::string folder_, temp_;
  long long frames_ = 0;
  bool finished_ = false;
};

// `-o` ending in .mp4 → Mp4Sink; an existing folder, a trailing '/', or no extension → PngFolderSink.
std::unique_ptr<FrameSink> makeFrameSink(const std::string& output, int width, int height, double fps);
bool isPngFrameName(const std::string& fileName);  // frame-NNNNNN.png

// The full path of `program` found on $PATH, or "" when absent.
std::string findOnPath(const std::string& program);

}  // namespace convoscope
