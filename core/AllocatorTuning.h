#pragma once

namespace convoscope {

// Every image switch allocates tens of MiB of activation buffers and frees the previous ones. glibc serves
// blocks that large with fresh mmap()s, so each switch pays a page fault per 4 KiB (10 ms at ResNet-18
// scale). Keeping them in the heap lets the next snapshot reuse the same pages. Call once at process start.
void keepLargeAllocationsInHeap();

}  // namespace convoscope
