#pragma once
// A FrameSink that hands frames to another sink on its own thread, through a queue of at most `depth`
// frames: the render loop goes on drawing while the previous frames are piped to ffmpeg (or PNG-encoded).
// An error from the inner sink is thrown by the next write() or by finish().
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "app/FrameSink.h"

namespace convoscope {

class QueuedFrameSink : public FrameSink {
 public:
  QueuedFrameSink(std::unique_ptr<FrameSink> inner, int depth = 2);
  ~QueuedFrameSink() override;
  void write(const RgbaImage& frame) override;  // copies nothing: use write(RgbaImage&&)
  void write(RgbaImage&& frame);
  void finish() override;
  void abandon() noexcept override;
  std::string describe() const override { return inner_->describe(); }

 private:
  void run();
  void stop() noexcept;
  void rethrow();

  std::unique_ptr<FrameSink> inner_;
  size_t depth_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<RgbaImage> queue_;
  bool closing_ = false, busy_ = false;
  std::exception_ptr error_;
  std::thread worker_;
};

}  // namespace convoscope
