# Sourced by `./test --sanitize` and scripts/fuzz.sh: sanitizer options shared by every test process
# (the convoscope binary that CLI tests spawn inherits them).
root="${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# halt_on_error / abort_on_error: a finding fails the test instead of scrolling by.
# detect_odr_violation=0: libtorch ships several .so files that each define the same inline globals; ASan's
# ODR check flags those (not ours) before main.
# intercept_tls_get_addr=0: libtorch now lives in a module the binary dlopens (app/EngineLibrary.h), and LSan's
# record of that module's dynamic TLS (glibc 2.36) held a bogus range: its exit-time tracer crashed reading it
# ("Tracer caught signal 11 … DTLS 13 at 0x000100003737-…", every CLI run on a fixture model). Leak checking
# stays on; only that interceptor's TLS bookkeeping is off.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_odr_violation=0:intercept_tls_get_addr=0${CONVOSCOPE_EXTRA_ASAN_OPTIONS:+:$CONVOSCOPE_EXTRA_ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$root/scripts/sanitizer-suppressions/ubsan.supp"
# Leaks are checked, except inside third-party libraries listed (with reasons) in lsan.supp.
export LSAN_OPTIONS="suppressions=$root/scripts/sanitizer-suppressions/lsan.supp:print_suppressions=0"
