#pragma once
// Large buffers — llvmpipe's multisampled frame buffers, the snapshot's activations — are faulted in 4 KiB at
// a time, and on a virtual machine each fault is dear: a 1080p `shot` spent a third of its time in them.
// glibc backs its allocations with transparent huge pages when the tunable glibc.malloc.hugetlb=1 is set,
// which it reads only at process start, so the commands that render (view, shot, record) re-execute the
// binary once with the tunable added, same arguments (about 10 ms; `shot` 0.77 → 0.53 s, the window's first
// frame 0.43 → 0.34 s, +7 MiB resident). Model-free commands (--help, --version) never pay it.
namespace convoscope {

// Call before the command's real work (what ran before it runs again). Returns only when no re-execution
// happened: the tunable is already there, the kernel has transparent huge pages off, or exec failed (then
// the process goes on with small pages).
void restartWithHugePages();

}  // namespace convoscope
