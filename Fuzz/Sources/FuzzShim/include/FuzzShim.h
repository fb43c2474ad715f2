#include <stddef.h>
#include <stdint.h>
/// Runs libFuzzer's driver (LLVMFuzzerRunDriver) on `test`, with the program's arguments.
int jikun_fuzz_run(int argc, char **argv, int (*test)(const uint8_t *data, size_t size));
