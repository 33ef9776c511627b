#include "app/LiveRecorder.h"

#include <epoxy/gl.h>

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
      scaled_(size.x, size.y, 1),
      readback_(size.x, size.y, 3) {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  writer_ = std::thread([this] { writerLoop(); });
}

LiveRecorder::~LiveRecorder() { abandon(); }

void LiveRecorder::offer(const glm::ivec4& source, double elapsedSeconds) {
  const long long copies = framesToWrite(elapsedSeconds, fps_, scheduled_);
  if (copies <= 0 || source.z <= 0 || source.w <= 0) return;
  GLint previousRead = 0, previousDraw = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previousDraw);
  // Scale the view into the recording's size, keeping its aspect.
  const float k = std::min(float(size_.x) / source.z, float(size_.y) / source.w);
  const int w = std::max(1, int(source.z * k + 0.5f)), h = std::max(1, int(source.w * k + 0.5f));
  const int x = (size_.x - w) / 2, y = (size_.y - h) / 2;
  scaled_.bind();
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0, 0, 0, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  glBlitFramebuffer(source.x, source.y, source.x + source.z, source.y + source.w, x, y, x + w, y + h,
                    GL_COLOR_BUFFER_BIT, GL_LINEAR);
  scaled_.bind();
  if (readback_.full()) takeOldest();
  readback_.capture();
  inFlight_.push_back(copies);
  scheduled_ += copies;
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(previousDraw));
}

void LiveRecorder::takeOldest() {
  auto image = std::make_shared<RgbaImage>(readback_.take());
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
  while (readback_.pending() > 0) takeOldest();
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
