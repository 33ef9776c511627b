#pragma once
// How long this process has been running and how much memory it has held at most, as the kernel counts them:
// the start-up report (CONVOSCOPE_STARTUP_REPORT=1) and the benchmark's floor program measure the same way.
namespace convoscope {

// Milliseconds since the process started: now (CLOCK_BOOTTIME) minus its start time in /proc/self/stat
// (field 22, in clock ticks — 10 ms steps on most kernels). -1 when /proc cannot be read.
double millisecondsSinceProcessStart();

// The process's peak resident memory (VmHWM in /proc/self/status), in MiB; -1 when unreadable.
double peakResidentMiB();

}  // namespace convoscope
