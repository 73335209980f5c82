/* For bench/overhead.ts --instructions: Debian's libtorch pulls in libhwy (through OpenCV, libavcodec
 * and libjxl), whose load-time TimerResolution() executes rdtscp, which valgrind cannot run (SIGILL).
 * Preloaded, this stands in for it: hwy::platform::TimerResolution(). */
double _ZN3hwy8platform15TimerResolutionEv(void) { return 1e-9; }
