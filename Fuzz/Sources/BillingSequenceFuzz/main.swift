import CLibFuzzer
import Glibc

// See BillingFuzz/main.swift: SwiftPM links an executable's own `main`, so this one hands
// libFuzzer the command line and the target.
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
var count = CommandLine.argc
exit(LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzSequence(data, size) })
