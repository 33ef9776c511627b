# Sourced by `./test --sanitize` and scripts/fuzz.sh: sanitizer options shared by every test process
# (the convoscope binary that CLI tests spawn inherits them).
root="${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# halt_on_error / abort_on_error: a finding fails the test instead of scrolling by.
# detect_odr_violation=0: libtorch ships several .so files that each define the same inline globals; ASan's
# ODR check flags those (not ours) before main.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_odr_violation=0${CONVOSCOPE_EXTRA_ASAN_OPTIONS:+:$CONVOSCOPE_EXTRA_ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$root/scripts/sanitizer-suppressions/ubsan.supp"
# Leaks are checked, except inside third-party libraries listed (with reasons) in lsan.supp.
export LSAN_OPTIONS="suppressions=$root/scripts/sanitizer-suppressions/lsan.supp:print_suppressions=0"
