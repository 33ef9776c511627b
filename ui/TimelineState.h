#pragma once
// "How did it learn?" in the viewer: a training series (core/TrainingSeries.h) opened beside the model, the
// current image run through every checkpoint once, and a position on the timeline that a slider, keys (J K T)
// and playback move. Between checkpoints the slabs show a blend (core/SnapshotBlend.h); at rest they show one
// checkpoint exactly, and the rest of the viewer (computation, heat maps, features) uses that checkpoint's model.
// The window loads and runs the checkpoints on its worker (app/WindowEngineJobs.cpp) and reports back with
// finishSeriesLoad / finishSeriesRun. Torch- and GL-free.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Snapshot.h"
#include "core/TrainingSeries.h"
#include "scene/TimelineMark.h"

namespace convoscope {

struct ViewerState;

struct TimelineState {
  std::optional<std::string> outbox;  // a series asked for (folder or series.json), not started yet
  bool loading = false, running = false;
  float progress = 0.0f;

  // The open series; `path` empty when none is open.
  std::string path;
  TrainingSeries series;
  std::vector<bool> loaded;            // per checkpoint
  std::vector<std::string> problems;   // the checkpoints that did not load, each named
  // The image `runImage` through every checkpoint (null where it did not load).
  std::vector<std::shared_ptr<const Snapshot>> snapshots;
  std::string runImage;

  double position = 0.0;  // in checkpoints; between two while playing
  bool playing = false;
  float checkpointsPerSecond = 2.0f;
  bool blend = true;  // in-between frames mix the two checkpoints (else the nearer one shows)
  bool bringTabForward = false;  // a newly opened series brings the Training tab to the front, once
};

// --- asked by panels, keys, drops and --series ---
void openSeries(ViewerState& state, const std::string& path);
void closeSeries(ViewerState& state);
bool seriesOpen(const ViewerState& state);
bool looksLikeSeries(const std::string& path);  // a folder holding series.json, or a series.json

// --- reported by the window ---
void finishSeriesLoad(ViewerState& state, const std::string& path, TrainingSeries series, std::vector<bool> loaded,
                      std::vector<std::string> problems);
void failSeriesLoad(ViewerState& state, const std::string& error);
// The image the window should run through every checkpoint now, if any.
std::optional<std::string> wantedSeriesRun(const ViewerState& state);
void finishSeriesRun(ViewerState& state, const std::string& image,
                     std::vector<std::shared_ptr<const Snapshot>> snapshots);
void failSeriesRun(ViewerState& state, const std::string& error);

// --- moving along the timeline ---
void setTimelinePosition(ViewerState& state, double position);  // pauses nothing; clamped to the loaded range
void stepCheckpoint(ViewerState& state, int delta);              // to the next/previous loaded checkpoint, paused
void toggleTimelinePlay(ViewerState& state);                     // from the start again when at the end
void advanceTimeline(ViewerState& state, float dtSeconds);       // playback
bool handleTimelineKey(ViewerState& state, int key, int mods);   // J K T while a series is open

// The checkpoint the view rests on (its exact numbers shown), or nullopt between two or with none open.
std::optional<int> restingCheckpoint(const ViewerState& state);
// "checkpoint 9 of 16 · step 308 · epoch 0.33": what is shown, for the panel and the status line.
std::string timelinePositionText(const ViewerState& state);
// The 3D view's timeline card while a series is shown.
std::optional<TimelineMark> visibleTimeline(const ViewerState& state);

}  // namespace convoscope
