/* LD_PRELOAD shim for tests/app/test_bad_inputs.cpp: a full disk. Every write() to a regular file fails with
 * ENOSPC (pipes, terminals and stdin/stdout/stderr still work), in convoscope and in the ffmpeg it starts. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t write(int fd, const void* buffer, size_t count) {
  static ssize_t (*real)(int, const void*, size_t);
  struct stat st;
  if (!real) real = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
  if (fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, buffer, count);
}
