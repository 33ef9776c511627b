#include "app/LiveRecorder.h"

#include <algorithm>
#include <cstdio>

#include "scene/FramePacing.h"

namespace convoscope {

namespace {
constexpr size_t kMaxQueuedFrames = 48;  // beyond this ffmpeg is far behind: the render loop waits for it
}

LiveRecorder::LiveRecorder(const std::string& path, glm::ivec2 size, double fps)
    : path_(path),
      size_(size),
      fps_(fps),
      sink_(std::make_unique<Mp4Sink>(path, size.x, size.y, fps, EncoderSpeed::Realtime)),
      capture_(size, 3) {
  writer_ = std::thread([this] { writerLoop(); });
}

LiveRecorder::~LiveRecorder() { abandon(); }

void LiveRecorder::offer(const glm::ivec4& source, double elapsedSeconds) {
  const long long copies = framesToWrite(elapsedSeconds, fps_, scheduled_);
  if (copies <= 0 || source.z <= 0 || source.w <= 0) return;
  if (capture_.full()) takeOldest();
  capture_.captureWindow(source);
  inFlight_.push_back(copies);
  scheduled_ += copies;
}

void LiveRecorder::takeOldest() {
  auto image = std::make_shared<RgbaImage>(capture_.take());
  const long long copies = inFlight_.front();
  inFlight_.pop_front();
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kMaxQueuedFrames || failure_; });
  if (failure_) return;
  queue_.push_back({std::move(image), copies});
  changed_.notify_all();
}

void LiveRecorder::writerLoop() {
  for (;;) {
    Pending next;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, all written
      next = queue_.front();
    }
    try {
      for (long long i = 0; i < next.copies; ++i) sink_->write(*next.image);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      failure_ = e.what();
      queue_.clear();
      changed_.notify_all();
      return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.pop_front();
    written_ += next.copies;
    changed_.notify_all();
  }
}

void LiveRecorder::stopWriter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    changed_.notify_all();
  }
  if (writer_.joinable()) writer_.join();
}

std::optional<std::string> LiveRecorder::failure() {
  std::lock_guard<std::mutex> lock(mutex_);
  return failure_;
}

std::string LiveRecorder::finish() {
  while (capture_.pending() > 0) takeOldest();
  stopWriter();
  if (failure_) {
    sink_->abandon();
    throw std::runtime_error(*failure_);
  }
  if (written_ == 0) {
    sink_->abandon();
    throw std::runtime_error(path_ + ": no frames were recorded; nothing saved");
  }
  sink_->finish();  // throws (and abandons) when ffmpeg fails at the end
  char text[160];
  std::snprintf(text, sizeof text, ": %lld frames, %dx%d at %g fps (%.1f s)", written_, size_.x, size_.y,
                fps_, written_ / fps_);
  return path_ + text;
}

void LiveRecorder::abandon() noexcept {
  stopWriter();
  if (sink_) sink_->abandon();
}

}  // namespace convoscope
