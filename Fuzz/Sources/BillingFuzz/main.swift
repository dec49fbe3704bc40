import CLibFuzzer
import Glibc

// SwiftPM links an executable's own `main` (it renames the module's entry point and points
// `main` at it), so libFuzzer's `main` is never used; this one hands libFuzzer the command line
// and the target, exactly as libFuzzer's own `main` would.
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
var count = CommandLine.argc
// A closure, not `fuzzOneInput` itself: naming the `@_cdecl` function here would emit a second
// `LLVMFuzzerTestOneInput` symbol in this file.
exit(LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) })
