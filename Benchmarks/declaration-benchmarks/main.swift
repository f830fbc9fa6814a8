import DeclarationRegistry
import Foundation

// Measures the project's hot paths. Usage: declaration-benchmarks MODE
// [SECONDS]. Add a mode by adding a case to the switch below.

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "help"
let seconds = arguments.dropFirst().first.flatMap(Double.init) ?? 3

switch mode {
case "crypto":
    do {
        try CryptoBenchmarks(seconds: seconds).run()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
default:
    print("usage: declaration-benchmarks MODE [SECONDS]")
    print("modes:")
    print("  crypto   Ed25519 sign/s and verify/s, SHA-256 MB/s (single thread)")
    exit(mode == "help" || mode == "--help" ? 0 : 64)
}
