#pragma once
// Live recording at a fixed frame rate from a real clock: the video's frame k shows time k / fps, so a
// frame drawn at `elapsed` seconds stands for every frame slot due by then that has not been written.
// Drawing faster than fps drops frames (none due); slower duplicates the frame (several due).
namespace convoscope {

// Frames a video recorded at `fps` holds once `elapsedSeconds` have passed since it began (1 at t = 0).
long long framesDue(double elapsedSeconds, double fps);

// How many copies of a frame drawn at `elapsedSeconds` to write when `written` frames are already out.
inline long long framesToWrite(double elapsedSeconds, double fps, long long written) {
  const long long due = framesDue(elapsedSeconds, fps);
  return due > written ? due - written : 0;
}

}  // namespace convoscope
