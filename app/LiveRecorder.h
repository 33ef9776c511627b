#pragma once
// Records what the viewer shows, live, to an MP4 (Mp4Sink): each drawn frame's view rectangle is scaled
// into a fixed-size target, read back through a PBO ring (no stall on the GPU), and handed to a writer
// thread (no stall on ffmpeg). Frames are paced to a fixed fps from the real clock (scene/FramePacing.h):
// duplicated when drawing is slower, dropped when faster. Errors (ffmpeg missing, unwritable folder, disk
// full) come back as messages; the sink leaves nothing under the final name unless finish() succeeded.
#include <condition_variable>
#include <deque>
#include <glm/glm.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/FrameSink.h"
#include "renderer/ScaledCapture.h"

namespace convoscope {

class LiveRecorder {
 public:
  // Needs the window's GL context current. Throws (one line, naming the file) when the output cannot start.
  LiveRecorder(const std::string& path, glm::ivec2 size, double fps);
  ~LiveRecorder();  // abandons an unfinished recording
  LiveRecorder(const LiveRecorder&) = delete;
  LiveRecorder& operator=(const LiveRecorder&) = delete;

  // Offers the frame just drawn: `source` is its rectangle in the window's back buffer (GL pixels, x, y
  // from the bottom-left, w, h); kept only when a frame is due at `elapsedSeconds`. Aspect is kept
  // (letterboxed in black).
  void offer(const glm::ivec4& source, double elapsedSeconds);
  // Writes what is pending, completes the MP4 and renames it into place; returns "walk.mp4: 312 frames,
  // 1920x1080 at 30 fps (10.4 s)". Throws with the reason on failure (nothing is left behind then).
  std::string finish();
  // The writer's failure, once there is one (the recording is then abandoned: call abandon()).
  std::optional<std::string> failure();
  void abandon() noexcept;
  const std::string& path() const { return path_; }

 private:
  struct Pending {
    std::shared_ptr<RgbaImage> image;
    long long copies;
  };
  void takeOldest();
  void writerLoop();
  void stopWriter();

  std::string path_;
  glm::ivec2 size_;
  double fps_;
  std::unique_ptr<FrameSink> sink_;
  ScaledCapture capture_;
  std::deque<long long> inFlight_;  // copies of each capture still in the PBO ring
  long long scheduled_ = 0;         // frame slots captured so far (duplicates included)

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Pending> queue_;
  bool closing_ = false;
  long long written_ = 0;
  std::optional<std::string> failure_;
  std::thread writer_;
};

}  // namespace convoscope
