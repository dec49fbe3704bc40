// libFuzzer's driver, linked in by `-sanitize=fuzzer` (the Swift toolchain's
// libclang_rt.fuzzer). Declared here because libFuzzer ships no header for it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
