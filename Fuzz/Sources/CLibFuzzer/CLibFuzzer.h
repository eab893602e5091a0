// libFuzzer's driver entry point (compiler-rt, linked by -sanitize=fuzzer): parses libFuzzer's
// command line and runs `callback` on each input.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
