#include "app/QueuedFrameSink.h"

#include <algorithm>

namespace convoscope {

QueuedFrameSink::QueuedFrameSink(std::unique_ptr<FrameSink> inner, int depth)
    : inner_(std::move(inner)), depth_(static_cast<size_t>(std::max(1, depth))) {
  worker_ = std::thread([this] { run(); });
}

QueuedFrameSink::~QueuedFrameSink() { stop(); }

void QueuedFrameSink::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, nothing left
    RgbaImage frame = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr error;
    try {
      inner_->write(frame);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (error && !error_) error_ = error;
    if (error_) queue_.clear();  // a failed sink takes no more frames
    changed_.notify_all();
  }
}

void QueuedFrameSink::rethrow() {
  if (error_) {
    std::exception_ptr error = error_;
    std::rethrow_exception(error);
  }
}

void QueuedFrameSink::write(const RgbaImage& frame) { write(RgbaImage(frame)); }

void QueuedFrameSink::write(RgbaImage&& frame) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < depth_ || error_; });
  rethrow();
  queue_.push_back(std::move(frame));
  changed_.notify_all();
}

void QueuedFrameSink::stop() noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    changed_.notify_all();
  }
  if (worker_.joinable()) worker_.join();
}

void QueuedFrameSink::finish() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return (queue_.empty() && !busy_) || error_; });
    rethrow();
  }
  stop();
  inner_->finish();
}

void QueuedFrameSink::abandon() noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
  }
  stop();
  inner_->abandon();
}

}  // namespace convoscope
