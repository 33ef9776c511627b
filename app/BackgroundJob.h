#pragma once
// One piece of long work on a worker thread (std::async) so frames keep coming: the window starts it, reads
// its progress each frame and polls for the outcome. The work reports progress through the callback it is
// given; after cancel() that callback throws, so the work stops at its next report (between gradient batches)
// and the outcome says it was cancelled.
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

namespace convoscope {

template <typename Result>
struct JobOutcome {
  std::optional<Result> value;  // set on success
  std::string error;            // the exception's message on failure
  bool cancelled = false;
};

template <typename Result>
class BackgroundJob {
 public:
  using Progress = std::function<void(float)>;  // 0..1; throws once the job is cancelled
  using Work = std::function<Result(const Progress&)>;

  ~BackgroundJob() {
    if (!job_.valid()) return;
    cancel();
    job_.wait();
  }

  void start(Work work) {
    progress_->store(0.0f);
    cancel_->store(false);
    job_ = std::async(std::launch::async, [work = std::move(work), progress = progress_, cancel = cancel_] {
      JobOutcome<Result> out;
      try {
        out.value = work([&](float done) {
          if (cancel->load()) throw Cancelled{};
          progress->store(done);
        });
      } catch (const Cancelled&) {
        out.cancelled = true;
      } catch (const std::exception& e) {
        out.error = e.what();
      }
      return out;
    });
  }
  bool busy() const { return job_.valid(); }
  float progress() const { return progress_->load(); }
  void cancel() { cancel_->store(true); }
  // The finished job's outcome, once; nullopt while it runs or when none was started.
  std::optional<JobOutcome<Result>> poll() {
    if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    return job_.get();
  }

 private:
  struct Cancelled {};
  std::future<JobOutcome<Result>> job_;
  std::shared_ptr<std::atomic<float>> progress_ = std::make_shared<std::atomic<float>>(0.0f);
  std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace convoscope
