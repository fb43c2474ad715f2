import Foundation
import FuzzDrivers
import FuzzShim

// An inconsistency is a crash to libFuzzer, which saves the input.
exit(jikun_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
    do { try FuzzDriver.edition.run(Array(UnsafeBufferPointer(start: data, count: size))) } catch { fatalError("\(error)") }
    return 0
})
