// Live recording from the window (the Lecture tab, or the `record` script step): starting and stopping the
// LiveRecorder, and offering it the 3D view's rectangle of each drawn frame.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>

#include "app/ViewerWindow.h"

namespace convoscope {

void ViewerWindow::toggleRecording(double now) {
  if (recorder_) {
    stopRecording();
    return;
  }
  LectureSettings& lecture = state_.lecture;
  std::string path = lecture.recordPath;
  if (path.empty()) {
    char name[64];
    const std::time_t t = std::time(nullptr);
    std::strftime(name, sizeof name, "convoscope-%Y%m%d-%H%M%S.mp4", std::localtime(&t));
    path = name;
  }
  static const glm::ivec2 fixed[] = {{0, 0}, {1280, 720}, {1920, 1080}, {3840, 2160}};
  glm::ivec2 size = fixed[std::clamp(lecture.recordSizeChoice, 0, 3)];
  if (size.x == 0) {  // the view's size in framebuffer pixels, even (yuv420p)
    int fbw = 0, ww = 0, wh = 0;
    glfwGetFramebufferSize(window_, &fbw, &wh);
    glfwGetWindowSize(window_, &ww, &wh);
    const float ratio = ww > 0 ? float(fbw) / float(ww) : 1.0f;
    size = glm::ivec2(glm::vec2(state_.sceneSize) * ratio) / 2 * 2;
    size = glm::clamp(size, glm::ivec2(16), glm::ivec2(kMaxFramebufferWidth, kMaxFramebufferHeight));
  }
  try {
    recorder_ = std::make_unique<LiveRecorder>(path, size, std::clamp(lecture.recordFps, 1, 120));
    recordingSince_ = now;
    lecture.recording = true;
    lecture.recordingSince = now;
    lecture.recordingWhat = path + " (" + std::to_string(size.x) + "x" + std::to_string(size.y) + ")";
  } catch (const std::exception& e) {
    reportMessage(state_, std::string("Cannot record: ") + e.what());
  }
  state_.touch();
}

void ViewerWindow::stopRecording() {
  if (!recorder_) return;
  glfwMakeContextCurrent(window_);
  try {
    const std::string summary = recorder_->finish();
    std::printf("recorded %s\n", summary.c_str());
    reportMessage(state_, "Recorded " + summary, false);
  } catch (const std::exception& e) {
    reportMessage(state_, std::string("Recording failed (nothing was saved): ") + e.what());
  }
  recorder_.reset();
  state_.lecture.recording = false;
  state_.touch();
}

void ViewerWindow::captureForRecording(int fbh, double now) {
  int ww = 0, wh = 0, fbw = 0;
  glfwGetWindowSize(window_, &ww, &wh);
  glfwGetFramebufferSize(window_, &fbw, &fbh);
  const float ratio = ww > 0 ? float(fbw) / float(ww) : 1.0f;
  const glm::ivec2 origin = glm::ivec2(glm::round(state_.sceneOrigin * ratio));
  const glm::ivec2 size = glm::ivec2(glm::round(state_.sceneSize * ratio));
  try {
    recorder_->offer(glm::ivec4(origin.x, fbh - origin.y - size.y, size.x, size.y), now - recordingSince_);
  } catch (const std::exception& e) {
    recorder_->abandon();
    recorder_.reset();
    state_.lecture.recording = false;
    reportMessage(state_, std::string("Recording stopped (nothing was saved): ") + e.what());
  }
}

}  // namespace convoscope
