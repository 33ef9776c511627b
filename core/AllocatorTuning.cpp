#include "core/AllocatorTuning.h"

#include <malloc.h>

namespace convoscope {

void keepLargeAllocationsInHeap() {
  mallopt(M_MMAP_THRESHOLD, 512 << 20);
  mallopt(M_TRIM_THRESHOLD, 1024 << 20);
}

}  // namespace convoscope
