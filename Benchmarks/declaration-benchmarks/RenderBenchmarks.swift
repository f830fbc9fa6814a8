import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// What an export costs after verification: building the `SignatoryListing`
/// and rendering it, per format and language, on a registry verified once.
///
/// Prints, for each format and language, the median seconds of the listing
/// and of the rendering over `runs` runs, the output's size, the process's
/// peak RSS so far above its RSS once the report was made, and the first
/// bytes of the output's SHA-256, so that two builds can be shown to write
/// the same bytes. The peak only grows, so to see what one format and
/// language cost in memory, give only that one (`formats`, `languages`).
struct RenderBenchmarks {
    /// The registry directory.
    var registry: String
    /// Runs per format and language; the median is printed.
    var runs = 5
    /// The formats to time.
    var formats = ExportFormat.allCases
    /// The languages to time.
    var languages = Language.allCases
    /// A fixed export time, so the digests compare across builds.
    static let exportTime = "2016-12-10T00:00:00Z"

    func run() throws {
        let layout = RegistryLayout(directory: registry)
        let clock = ContinuousClock()
        let verifyStart = clock.now
        let note = try Data(contentsOf: URL(fileURLWithPath: layout.checkpoint))
        let report = try RegistryVerifier(layout: layout).verify(keepingSignatoryDetails: true)
        let verifySeconds = Self.seconds(clock.now - verifyStart)
        let exportedAt = try RFC3339.date(from: Self.exportTime)
        let verifiedRSS = MemoryUsage.kiB("VmRSS") ?? 0
        let verifyPeak = MemoryUsage.kiB("VmHWM") ?? 0
        print(String(format: "verified %d entries, %d active signatories in %.2f s; RSS %.1f MiB, peak %.1f MiB",
                     report.entryCount, report.roll.active.count, verifySeconds,
                     Double(verifiedRSS) / 1024, Double(verifyPeak) / 1024))
        print("format    lang   listing s   render s    total s        bytes  +peak MiB  sha256")

        for format in formats {
            for language in languages {
                let options = ExportOptions(format: format, language: language, exportedAt: exportedAt)
                var listingTimes: [Double] = []
                var renderTimes: [Double] = []
                var output: [UInt8] = []
                for _ in 0..<runs {
                    output = []
                    let start = clock.now
                    let listing = SignatoryListing(report: report, checkpointNote: String(decoding: note, as: UTF8.self),
                                                   options: options)
                    let built = clock.now
                    output = SignatoryExport.render(listing, options: options)
                    let done = clock.now
                    listingTimes.append(Self.seconds(built - start))
                    renderTimes.append(Self.seconds(done - built))
                    blackHole(listing)
                }
                let listingTime = Self.median(listingTimes)
                let renderTime = Self.median(renderTimes)
                let digest = String(SHA256.hash(output).hex.prefix(16))
                // At the verify's own peak, the export stayed below it: say so.
                let peak = MemoryUsage.kiB("VmHWM") ?? 0
                let peakText = (peak > verifyPeak ? " " : "≤") + String(format: "%9.1f", Double(peak - verifiedRSS) / 1024)
                print(format.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                      + language.code.padding(toLength: 4, withPad: " ", startingAt: 0)
                      + String(format: "%11.3f %10.3f %10.3f %12d", listingTime, renderTime, listingTime + renderTime,
                               output.count)
                      + "  " + peakText + "  " + digest)
            }
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// The process's resident memory, from /proc/self/status (Linux).
enum MemoryUsage {
    /// A field of /proc/self/status in KiB, such as "VmRSS" (now) or
    /// "VmHWM" (the peak); nil where the file is missing.
    static func kiB(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).split(whereSeparator: \.isWhitespace).first ?? "")
        }
        return nil
    }
}
