import DeclarationRegistry
import Foundation
import Synchronization
import RegistryFormat

// Measures the project's hot paths and makes registries to measure the
// commands on. Usage: declaration-benchmarks MODE [ARGUMENTS]. Add a mode by
// adding a case to the switch below.

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
case "generate":
    guard arguments.count == 3, let count = Int(arguments[2]), count >= 0 else {
        FileHandle.standardError.write(Data("usage: declaration-benchmarks generate DIRECTORY ENTRIES\n".utf8))
        exit(64)
    }
    do {
        try RegistryGenerator(directory: arguments[1], count: count).run()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
case "steps":
    guard arguments.count == 2 else {
        FileHandle.standardError.write(Data("usage: declaration-benchmarks steps REGISTRY\n".utf8))
        exit(64)
    }
    do {
        try VerifyStepBenchmarks(registry: arguments[1]).run()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
case "render":
    let runs = arguments.count > 2 ? Int(arguments[2]) : 5
    let formats = arguments.count > 3 ? ExportFormat(rawValue: arguments[3]).map { [$0] } : ExportFormat.allCases
    let languages = arguments.count > 4 ? Language(rawValue: arguments[4]).map { [$0] } : Language.allCases
    guard (2...5).contains(arguments.count), let runs, runs > 0, let formats, let languages else {
        FileHandle.standardError.write(Data("usage: declaration-benchmarks render REGISTRY [RUNS [FORMAT [LANGUAGE]]]\n".utf8))
        exit(64)
    }
    do {
        try RenderBenchmarks(registry: arguments[1], runs: runs, formats: formats, languages: languages).run()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
case "measure":
    do {
        let result = try ProcessMeasurement(command: Array(arguments.dropFirst())).run()
        print(String(format: "%.4f %d", result.seconds, result.peakKiB))
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
case "witness-logs":
    guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
        FileHandle.standardError.write(Data("usage: declaration-benchmarks witness-logs DIRECTORY COUNT\n".utf8))
        exit(64)
    }
    do {
        try WitnessLoad.makeLogs(directory: arguments[1], count: count)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
case "witness-load":
    guard (3...7).contains(arguments.count), let url = URL(string: arguments[1]),
          let logs = arguments.count > 3 ? Int(arguments[3]) : 64,
          let requests = arguments.count > 4 ? Int(arguments[4]) : 5000,
          let limit = arguments.count > 5 ? Double(arguments[5]) : 20,
          let inFlight = arguments.count > 6 ? Int(arguments[6]) : 16,
          logs > 0, requests > 0, limit > 0, inFlight > 0
    else {
        FileHandle.standardError.write(Data("usage: declaration-benchmarks witness-load URL DIRECTORY [LOGS [REQUESTS [SECONDS [IN-FLIGHT]]]]\n".utf8))
        exit(64)
    }
    let load = WitnessLoad(url: url, directory: arguments[2], logs: logs, requests: requests, seconds: limit, inFlight: inFlight)
    let finished = DispatchSemaphore(value: 0)
    let failed = Mutex(false)
    Task.detached {
        do {
            try await load.run()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            failed.withLock { $0 = true }
        }
        finished.signal()
    }
    finished.wait()
    exit(failed.withLock { $0 } ? 1 : 0)
default:
    print("usage: declaration-benchmarks MODE [ARGUMENTS]")
    print("modes:")
    print("  crypto [SECONDS]              Ed25519 sign/s and verify/s, SHA-256 MB/s (single thread)")
    print("  generate DIRECTORY ENTRIES    a valid registry of ENTRIES entries (5% withdrawals) in")
    print("                                DIRECTORY/registry, its keys in DIRECTORY/keys, and 1,000")
    print("                                statements to append in DIRECTORY/batch")
    print("  steps REGISTRY                what each step of verifying a line costs, one thread")
    print("  render REGISTRY [RUNS [FORMAT [LANGUAGE]]]")
    print("                                verify once, then time the listing and the rendering of")
    print("                                each format and language (median of RUNS, default 5)")
    print("  witness-logs DIRECTORY COUNT  COUNT log keys (DIRECTORY/log-N.key) and a witness's list of")
    print("                                logs (DIRECTORY/logs)")
    print("  witness-load URL DIRECTORY [LOGS [REQUESTS [SECONDS [IN-FLIGHT]]]]")
    print("                                consistent growing checkpoints of LOGS logs (64) posted to")
    print("                                URL (add-checkpoint), IN-FLIGHT (16) at a time, at most")
    print("                                REQUESTS (5000) or SECONDS (20): requests/s, p50, p99")
    print("  measure COMMAND [ARGUMENTS]   run COMMAND (output discarded) and print its wall-clock")
    print("                                seconds and peak RSS in KiB; fails if COMMAND fails")
    exit(mode == "help" || mode == "--help" ? 0 : 64)
}
