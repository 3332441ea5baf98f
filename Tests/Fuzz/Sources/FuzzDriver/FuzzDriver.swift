/// libFuzzer's entry for a program with a main of its own (`LLVMFuzzerRunDriver`, in
/// libclang_rt.fuzzer_no_main, which Scripts/fuzz links): SwiftPM gives every executable target
/// its own entry point, so the usual `-sanitize=fuzzer` (libFuzzer's main) cannot link.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Runs libFuzzer with the program's arguments, calling `test` with each input; returns its status.
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, test)
}
