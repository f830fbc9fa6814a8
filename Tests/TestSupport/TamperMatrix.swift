import CryptoPrimitives
import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage

/// Makes every kind of change an attacker or an accident could make to a
/// registry, one at a time, and checks that verification fails and names
/// the right place. The rules for "the right place" are in docs/TESTING.md:
///
/// - a change to the ledger is placed on the ledger line that was changed
///   (for a byte, the line holding it, its line feed included); a deleted
///   line on the line that now holds the next entry; a swapped pair on
///   either line of the pair; a duplicated line on the copy; a truncation or
///   roll-back on the first missing line; a cut inside a line on that line;
///   the registrar's checkpoint alone rolled back behind a saved one on the
///   checkpoint;
/// - a change to the header, the checkpoint or a saved checkpoint on that
///   file; a change to a declaration text or the manifest on that file or
///   the declaration folder.
///
/// Every change is undone before the next, and the untouched registry is
/// verified at the end.
public struct TamperMatrix: Sendable {
    /// How large a run is.
    public struct Configuration: Sendable {
        /// Entries in the registry (withdrawals included).
        public var entries: Int
        /// Random single-byte changes over all the files.
        public var byteChanges: Int
        /// Fixes the registry and the changes.
        public var seed: UInt64
        /// Line changes (delete, swap, duplicate, cut, roll back, re-sign)
        /// are made at every `lineStride`-th line; 1 for every line.
        public var lineStride: Int

        /// A run of the given size.
        public init(entries: Int, byteChanges: Int, seed: UInt64, lineStride: Int = 1) {
            self.entries = entries
            self.byteChanges = byteChanges
            self.seed = seed
            self.lineStride = max(lineStride, 1)
        }
    }

    /// What a run found, in total and by kind of change.
    public struct Figures: Sendable, CustomStringConvertible {
        /// Counts for one kind of change.
        public struct Counts: Sendable {
            /// Changes made.
            public var tried = 0
            /// Changes that verification refused (exit 1 or 2).
            public var detected = 0
            /// Detected changes reported at the wrong place.
            public var misplaced = 0
            /// Detected changes reported as an interrupted append (exit 2)
            /// rather than as invalid (exit 1): every change here is one the
            /// registrar's checkpoint covers, so each must be invalid.
            public var interrupted = 0
            /// Changes that failed with an error that is not a verdict.
            public var wrongKind = 0
        }

        /// Counts by kind of change, such as `byte:ledger` or `delete-line`.
        public var byKind: [String: Counts] = [:]
        /// One line per undetected, misplaced or wrongly classified change
        /// (the first 50).
        public var problems: [String] = []
        /// Checks that must pass on intact registries (the untouched copy, an
        /// older consistent registry) and did not.
        public var falseAlarms: [String] = []

        /// All kinds together.
        public var total: Counts {
            byKind.values.reduce(into: Counts()) { sum, counts in
                sum.tried += counts.tried
                sum.detected += counts.detected
                sum.misplaced += counts.misplaced
                sum.interrupted += counts.interrupted
                sum.wrongKind += counts.wrongKind
            }
        }

        /// Whether every change was detected at the right place and nothing
        /// intact was refused.
        public var isClean: Bool {
            let total = total
            return total.detected == total.tried && total.misplaced == 0 && total.interrupted == 0
                && total.wrongKind == 0 && falseAlarms.isEmpty
        }

        /// A table of the figures.
        public var description: String {
            var lines = ["kind                           tried  detected  misplaced  interrupted  wrong-kind"]
            func row(_ name: String, _ counts: Counts) -> String {
                name.padding(toLength: 28, withPad: " ", startingAt: 0)
                    + String(format: "%8d  %8d  %9d  %11d  %10d", counts.tried, counts.detected, counts.misplaced,
                             counts.interrupted, counts.wrongKind)
            }
            for (name, counts) in byKind.sorted(by: { $0.key < $1.key }) {
                lines.append(row(name, counts))
            }
            lines.append(row("TOTAL", total))
            lines.append("false alarms on intact registries: \(falseAlarms.count)")
            lines += falseAlarms.map { "  false alarm: " + $0 }
            lines += problems.map { "  problem: " + $0 }
            return lines.joined(separator: "\n")
        }
    }

    /// Where a change must be reported.
    enum Place: CustomStringConvertible {
        /// Anywhere in this file.
        case file(String)
        /// One of these lines of this file.
        case lines(String, Set<Int>)
        /// This folder or a file in it.
        case folder(String)

        func accepts(_ failure: VerificationFailure) -> Bool {
            switch self {
            case .file(let path):
                return failure.file == path
            case .lines(let path, let lines):
                return failure.file == path && failure.line.map(lines.contains) == true
            case .folder(let path):
                return failure.file == path || failure.file.hasPrefix(path + "/")
            }
        }

        var description: String {
            switch self {
            case .file(let path): return path
            case .lines(let path, let lines): return path + ":" + lines.sorted().map(String.init).joined(separator: "|")
            case .folder(let path): return path + "/"
            }
        }
    }

    /// One change: new contents for some files, what to verify against, and
    /// where the failure must be reported.
    struct Change {
        var kind: String
        var label: String
        var files: [String: [UInt8]]
        var saved: (path: String, bytes: [UInt8])?
        var place: Place
    }

    let configuration: Configuration
    let registry: SyntheticRegistry
    let layout: RegistryLayout
    let originals: [String: [UInt8]]
    let declarationFiles: [String]
    let savedPath: String
    var figures = Figures()

    /// Builds the registry in `directory` and runs every change on it.
    public static func run(_ configuration: Configuration, in directory: String) throws -> Figures {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let registry = try SyntheticRegistry.build(in: directory + "/registry", entries: configuration.entries,
                                                   seed: configuration.seed)
        var matrix = try TamperMatrix(configuration: configuration, registry: registry, savedPath: directory + "/saved-checkpoint")
        try matrix.runAll(otherRegistryIn: directory + "/other")
        return matrix.figures
    }

    init(configuration: Configuration, registry: SyntheticRegistry, savedPath: String) throws {
        self.configuration = configuration
        self.registry = registry
        self.layout = RegistryLayout(directory: registry.directory)
        self.savedPath = savedPath
        let layout = RegistryLayout(directory: registry.directory)
        declarationFiles = try FileManager.default.contentsOfDirectory(atPath: layout.declaration).sorted()
            .map { layout.declaration + "/" + $0 }
        var originals: [String: [UInt8]] = [:]
        for path in [layout.ledger, layout.header, layout.checkpoint] + declarationFiles {
            originals[path] = try SyntheticRegistry.read(path)
        }
        self.originals = originals
    }

    // MARK: - The changes

    mutating func runAll(otherRegistryIn otherDirectory: String) throws {
        expectIntact("the registry as built")
        var random = SeededGenerator(seed: configuration.seed ^ 0x7A4D_5EED)
        try byteChanges(using: &random)
        lineChanges()
        truncations(using: &random)
        rollBacks()
        try resignings()
        try replays(otherRegistryIn: otherDirectory)
        try foreignCheckpoints()
        try headerFields()
        try counterfeitDeclarations(in: otherDirectory + "-counterfeit")
        try stateChanges(using: &random)
        expectIntact("the untouched registry after every change was undone")
        for (path, bytes) in originals where (try? SyntheticRegistry.read(path)) != bytes {
            figures.falseAlarms.append("\(path) was not restored")
        }
    }

    private var ledger: [UInt8] { originals[layout.ledger] ?? [] }

    /// The ledger's lines, each with its line feed, and where each starts.
    private var ledgerLines: [(offset: Int, bytes: [UInt8])] {
        var lines: [(Int, [UInt8])] = []
        var start = 0
        for (index, byte) in ledger.enumerated() where byte == 0x0A {
            lines.append((start, Array(ledger[start...index])))
            start = index + 1
        }
        return lines
    }

    /// Whether line changes are made at the line with this index.
    private func covers(_ index: Int) -> Bool {
        index % configuration.lineStride == 0 || index == lineCount - 1
    }

    private var lineCount: Int { ledgerLines.count }

    mutating func byteChanges(using random: inout SeededGenerator) throws {
        let lineStarts = ledgerLines.map(\.offset)
        for index in 0..<configuration.byteChanges {
            let roll = Int.random(in: 0..<100, using: &random)
            let path: String
            let kind: String
            switch roll {
            case 0..<55: (path, kind) = (layout.ledger, "byte:ledger")
            case 55..<70: (path, kind) = (layout.header, "byte:header")
            case 70..<85: (path, kind) = (layout.checkpoint, "byte:checkpoint")
            default:
                path = declarationFiles[Int.random(in: 0..<declarationFiles.count, using: &random)]
                kind = "byte:declaration"
            }
            var bytes = originals[path] ?? []
            guard !bytes.isEmpty else { continue }
            let offset = Int.random(in: 0..<bytes.count, using: &random)
            let mask = UInt8.random(in: 1...255, using: &random)
            bytes[offset] ^= mask
            let place: Place
            if path == layout.ledger {
                let line = (lineStarts.lastIndex { $0 <= offset } ?? 0) + 1
                place = .lines(path, [line])
            } else if path.hasPrefix(layout.declaration + "/") {
                place = .folder(layout.declaration)
            } else {
                place = .file(path)
            }
            check(Change(kind: kind, label: "#\(index) \(path) byte \(offset) xor \(mask)", files: [path: bytes], place: place))
        }
    }

    mutating func lineChanges() {
        let lines = ledgerLines.map(\.bytes)
        let path = layout.ledger
        for index in lines.indices where covers(index) {
            var deleted = lines
            deleted.remove(at: index)
            check(Change(kind: "delete-line", label: "line \(index + 1) deleted", files: [path: deleted.flatMap { $0 }],
                         place: .lines(path, [index + 1])))
        }
        for index in lines.indices.dropLast() where covers(index) {
            var swapped = lines
            swapped.swapAt(index, index + 1)
            check(Change(kind: "swap-lines", label: "lines \(index + 1) and \(index + 2) swapped",
                         files: [path: swapped.flatMap { $0 }], place: .lines(path, [index + 1, index + 2])))
        }
        for index in lines.indices where covers(index) {
            var duplicated = lines
            duplicated.insert(lines[index], at: index + 1)
            check(Change(kind: "duplicate-line", label: "line \(index + 1) duplicated",
                         files: [path: duplicated.flatMap { $0 }], place: .lines(path, [index + 2])))
        }
    }

    /// The ledger cut at every line boundary and inside a few lines,
    /// against the registrar's checkpoint and a saved copy of it.
    mutating func truncations(using random: inout SeededGenerator) {
        let lines = ledgerLines
        let saved = (path: savedPath, bytes: registry.checkpoints[lines.count])
        for (index, line) in lines.enumerated() where covers(index) {
            let cut = Array(ledger[..<line.offset])
            check(Change(kind: "truncate-to-entries", label: "ledger cut to \(index) entries", files: [layout.ledger: cut],
                         saved: saved, place: .lines(layout.ledger, [index + 1])))
            if index % 5 == 0 {
                let inside = line.offset + Int.random(in: 1..<line.bytes.count, using: &random)
                check(Change(kind: "truncate-inside-line", label: "ledger cut inside line \(index + 1) at byte \(inside)",
                             files: [layout.ledger: Array(ledger[..<inside])], saved: saved,
                             place: .lines(layout.ledger, [index + 1])))
            }
        }
    }

    /// The whole registry rolled back to each earlier size (ledger and the
    /// registrar's checkpoint of that time, consistent with each other),
    /// checked against the newest checkpoint saved by a verifier.
    mutating func rollBacks() {
        let lines = ledgerLines
        let saved = (path: savedPath, bytes: registry.checkpoints[lines.count])
        for (index, line) in lines.enumerated() where covers(index) {
            let files = [layout.ledger: Array(ledger[..<line.offset]), layout.checkpoint: registry.checkpoints[index]]
            if index % 10 == 0 {
                // Without the saved checkpoint an older registry is intact.
                expectIntact("the registry rolled back to \(index) entries, alone", files: files)
            }
            check(Change(kind: "roll-back", label: "registry rolled back to \(index) entries", files: files, saved: saved,
                         place: .lines(layout.ledger, [index + 1])))
            // Only the registrar's checkpoint rolled back, the ledger
            // intact: the later entries look like an interrupted append,
            // but the saved checkpoint proves they were recorded, so it is
            // invalid (a repair would remove them), blamed on the checkpoint.
            check(Change(kind: "checkpoint-roll-back", label: "checkpoint rolled back to \(index) entries, ledger intact",
                         files: [layout.checkpoint: registry.checkpoints[index]], saved: saved,
                         place: .file(layout.checkpoint)))
        }
    }

    /// Each entry's statement signed again, validly, by another key.
    mutating func resignings() throws {
        var random = SeededGenerator(seed: configuration.seed ^ 0x5E51_6E)
        let lines = ledgerLines
        for (index, line) in lines.enumerated() {
            let key = try Ed25519PrivateKey(seed: random.bytes(32))
            guard covers(index) else { continue }
            let entry = try Entry(json: CanonicalJSON.parseCanonical(line.bytes.dropLast()))
            let statement = entry.statement
            let resigned = try Statement.signed(statement.content, registry: statement.registry,
                                                declarationDigest: statement.declarationDigest,
                                                signedAt: statement.signedAt, key: key)
            let changed = Entry(sequence: entry.sequence, previous: entry.previous, appendedAt: entry.appendedAt,
                                statement: resigned)
            check(Change(kind: "re-signed-by-other-key", label: "entry \(index + 1) re-signed by another key",
                         files: [layout.ledger: replacing(line: index, with: changed.line + [0x0A])],
                         place: .lines(layout.ledger, [index + 1])))
        }
    }

    /// Valid statements made for another registry, or already recorded
    /// here, put into the ledger in place of an entry or after the last one.
    mutating func replays(otherRegistryIn directory: String) throws {
        let other = try SyntheticRegistry.build(in: directory, entries: 8, seed: configuration.seed ^ 0x07E4,
                                                origin: "other.declaration-registry.example/matrix")
        let lines = ledgerLines
        let entries = try lines.map { try Entry(json: CanonicalJSON.parseCanonical($0.bytes.dropLast())) }
        for (index, entry) in entries.enumerated() where index % 4 == 0 {
            let foreign = other.statements[index % other.statements.count]
            let changed = Entry(sequence: entry.sequence, previous: entry.previous, appendedAt: entry.appendedAt,
                                statement: foreign)
            check(Change(kind: "replay-from-other-registry", label: "entry \(index + 1) replaced by another registry's statement",
                         files: [layout.ledger: replacing(line: index, with: changed.line + [0x0A])],
                         place: .lines(layout.ledger, [index + 1])))
        }
        guard let last = entries.last, let lastLine = lines.last else { return }
        let replayed = [
            ("replay-from-other-registry", "another registry's statement appended", other.statements[0]),
            ("replay-from-this-registry", "this registry's first statement appended again", registry.statements[0]),
            ("replay-from-this-registry", "this registry's last statement appended again", last.statement),
        ]
        for (kind, label, statement) in replayed {
            let added = Entry(sequence: last.sequence + 1, previous: SHA256.hash(lastLine.bytes.dropLast()),
                              appendedAt: last.appendedAt, statement: statement)
            check(Change(kind: kind, label: label, files: [layout.ledger: ledger + added.line + [0x0A]],
                         place: .lines(layout.ledger, [lines.count + 1])))
        }
    }

    /// Checkpoints with the right contents signed by another key, as the
    /// registry's checkpoint and as a saved one.
    mutating func foreignCheckpoints() throws {
        var random = SeededGenerator(seed: configuration.seed ^ 0xC4EC)
        let header = try RegistryHeader(json: CanonicalJSON.parseCanonical((originals[layout.header] ?? []).dropLast()))
        let current = try RegistryCheckpoint(opening: originals[layout.checkpoint] ?? [],
                                             verifier: header.checkpointVerifierKey(), origin: registry.origin)
        for _ in 0..<4 {
            let key = try Ed25519PrivateKey(seed: random.bytes(32))
            let forged = try current.signedNote(with: key)
            check(Change(kind: "checkpoint-by-other-key", label: "checkpoint signed by another key",
                         files: [layout.checkpoint: forged], place: .file(layout.checkpoint)))
            check(Change(kind: "checkpoint-by-other-key", label: "saved checkpoint signed by another key",
                         files: [:], saved: (savedPath, forged), place: .file(savedPath)))
        }
    }

    /// The header's fields changed to other well-formed values: another
    /// registrar key, declaration digest, version or origin.
    mutating func headerFields() throws {
        var random = SeededGenerator(seed: configuration.seed ^ 0x4EAD)
        let header = try RegistryHeader(json: CanonicalJSON.parseCanonical((originals[layout.header] ?? []).dropLast()))
        var changed: [(String, RegistryHeader)] = []
        var otherKey = header
        otherKey.registrarKey = try Ed25519PrivateKey(seed: random.bytes(32)).publicKey
        changed.append(("another registrar key", otherKey))
        var otherDigest = header
        otherDigest.declarationDigest = SHA256.hash(random.bytes(16))
        changed.append(("another declaration digest", otherDigest))
        var otherVersion = header
        otherVersion.declarationVersion = "1.0.1"
        changed.append(("another declaration version", otherVersion))
        var otherOrigin = header
        otherOrigin.origin = "other.declaration-registry.example/matrix"
        changed.append(("another origin", otherOrigin))
        for (label, header) in changed {
            check(Change(kind: "header-field", label: "header with \(label)", files: [layout.header: header.fileBytes],
                         place: .file(layout.header)))
        }
    }

    /// The whole registry replaced by one made for an altered text under the
    /// built-in declaration's id and version: its header and an empty
    /// ledger's checkpoint made for that text and signed by its own
    /// registrar, so that it is consistent on its own. Only the rule that a
    /// known id and version have one digest catches it, at the declaration
    /// folder.
    mutating func counterfeitDeclarations(in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0xC0, count: 32))
        let keyFile = directory + "/registrar"
        _ = try KeyFile.write(key, to: keyFile)
        for language in ["en", "fr", "es"] {
            let path = directory + "/" + language
            try Registry.create(directory: path, origin: registry.origin, declaration: Declaration.embedded,
                                registrarKey: key)
            let counterfeit = DeclarationForgery.files(changingClause: 2, of: language, to: "Nothing.")
            try DeclarationForgery.replaceDeclaration(in: path, with: counterfeit, registrarKeyFile: keyFile)
            let forged = RegistryLayout(directory: path)
            var files = [layout.ledger: [UInt8](), layout.header: try SyntheticRegistry.read(forged.header),
                         layout.checkpoint: try SyntheticRegistry.read(forged.checkpoint)]
            for name in Declaration.fileNames {
                files[layout.declarationFile(name)] = try SyntheticRegistry.read(forged.declarationFile(name))
            }
            check(Change(kind: "counterfeit-declaration",
                         label: "clause 2 of \(language).txt altered under the official id and version, all digests remade",
                         files: files, place: .folder(layout.declaration)))
        }
    }

    /// The derived state (`state/`) damaged (a byte flipped, a file cut
    /// short, emptied or removed), then an append: a statement the rules
    /// refuse (a second active signatory of the same kind, name and
    /// jurisdiction; a withdrawal by a key with no signature) must be
    /// refused, a valid one recorded, and the registry must verify after.
    /// A change is **detected** when all three hold; the ledger, the
    /// checkpoint and the state are put back after each.
    mutating func stateChanges(using random: inout SeededGenerator) throws {
        let state = layout.directory + "/state"
        let names = ["tip", "signatories-by-key", "signatories-by-identity", "signatory-changes"]
        var saved: [String: [UInt8]] = [:]
        for name in names {
            saved[name] = (try? SyntheticRegistry.read(state + "/" + name)) ?? []
        }
        let report = try unwrappingRegistryError { try RegistryVerifier(layout: layout).verify() }
        guard let active = report.roll.active.values.max(by: { $0.sequence < $1.sequence }) else { return }
        let declaration = try Declaration.embedded
        let registryHandle = Registry(directory: layout.directory)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let count = max(configuration.byteChanges / 10, 8)
        for index in 0..<count {
            let name = names[index % names.count]
            let path = state + "/" + name
            var bytes = saved[name] ?? []
            let label: String
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<7 where !bytes.isEmpty:
                let offset = Int.random(in: 0..<bytes.count, using: &random)
                let mask = UInt8.random(in: 1...255, using: &random)
                bytes[offset] ^= mask
                label = "byte \(offset) xor \(mask)"
            case 7 where !bytes.isEmpty:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
                label = "cut to \(bytes.count) bytes"
            case 8:
                bytes = []
                label = "emptied"
            default:
                label = "removed"
            }
            let kind = "state:" + name.replacing("signatories-", with: "").replacing("signatory-", with: "")
            var counts = figures.byKind[kind] ?? Figures.Counts()
            counts.tried += 1
            if label == "removed" {
                try? FileManager.default.removeItem(atPath: path)
            } else {
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            }
            var problems: [String] = []
            let key = try Ed25519PrivateKey(seed: random.bytes(32))
            var duplicate = active.signatory
            duplicate.name = duplicate.name.uppercased()
            let refused = [
                try Statement.signed(.signature(language: active.language, signatory: duplicate), registry: registry.origin,
                                     declarationDigest: declaration.digest, signedAt: Timestamp.string(from: now), key: key),
                try Statement.signed(.withdrawal(reason: nil), registry: registry.origin,
                                     declarationDigest: declaration.digest, signedAt: Timestamp.string(from: now), key: key),
            ]
            for statement in refused {
                if (try? registryHandle.append([.init(statement, source: "matrix")], registrarKey: registry.registrarKey, now: now)) != nil {
                    problems.append("a statement the rules refuse was recorded")
                }
            }
            var fresh = active.signatory
            fresh.name = "Matrix \(index)"
            let valid = try Statement.signed(.signature(language: active.language, signatory: fresh), registry: registry.origin,
                                             declarationDigest: declaration.digest, signedAt: Timestamp.string(from: now), key: key)
            do {
                _ = try registryHandle.append([.init(valid, source: "matrix")], registrarKey: registry.registrarKey, now: now)
            } catch {
                problems.append("a valid statement was refused: \(error)")
            }
            do {
                _ = try unwrappingRegistryError { try RegistryVerifier(layout: layout).verify() }
            } catch {
                problems.append("the registry no longer verifies: \(error)")
            }
            if problems.isEmpty {
                counts.detected += 1
            } else {
                note("\(kind): \(label): " + problems.joined(separator: "; "))
            }
            figures.byKind[kind] = counts
            // Back to the registry as built, state included.
            for path in [layout.ledger, layout.checkpoint] {
                _ = FileManager.default.createFile(atPath: path, contents: Data(originals[path] ?? []))
            }
            FileSystemCleanup.removeBackups(in: layout.directory)
            for name in names {
                _ = FileManager.default.createFile(atPath: state + "/" + name, contents: Data(saved[name] ?? []))
            }
        }
    }

    private func replacing(line index: Int, with bytes: [UInt8]) -> [UInt8] {
        var lines = ledgerLines.map(\.bytes)
        lines[index] = bytes
        return lines.flatMap { $0 }
    }

    // MARK: - Checking

    private mutating func check(_ change: Change) {
        var counts = figures.byKind[change.kind] ?? Figures.Counts()
        counts.tried += 1
        defer { figures.byKind[change.kind] = counts }
        let outcome = withFiles(change.files) {
            Result<VerificationReport, any Error>(catching: {
                try unwrappingRegistryError { try RegistryVerifier(layout: layout).verify(savedCheckpoint: change.saved) }
            })
        }
        switch outcome {
        case .success:
            note("\(change.kind): \(change.label): NOT DETECTED")
        case .failure(let failure as VerificationFailure):
            counts.detected += 1
            if failure.severity != .invalid {
                counts.interrupted += 1
                note("\(change.kind): \(change.label): reported as an interrupted append: \(failure)")
            }
            if !change.place.accepts(failure) {
                counts.misplaced += 1
                note("\(change.kind): \(change.label): expected at \(change.place), reported \(failure)")
            }
        case .failure(let error):
            counts.detected += 1
            counts.wrongKind += 1
            note("\(change.kind): \(change.label): not a verdict: \(type(of: error)): \(error)")
        }
    }

    private mutating func expectIntact(_ label: String, files: [String: [UInt8]] = [:]) {
        let outcome = withFiles(files) {
            Result<VerificationReport, any Error>(catching: { try unwrappingRegistryError { try RegistryVerifier(layout: layout).verify() } })
        }
        if case .failure(let error) = outcome {
            figures.falseAlarms.append("\(label): \(error)")
        }
    }

    private mutating func note(_ problem: String) {
        if figures.problems.count < 50 { figures.problems.append(problem) }
    }

    /// Writes `files`, runs `body`, and puts the original bytes back.
    private func withFiles<T>(_ files: [String: [UInt8]], _ body: () -> T) -> T {
        for (path, bytes) in files {
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        defer {
            for path in files.keys {
                _ = FileManager.default.createFile(atPath: path, contents: Data(originals[path] ?? []))
            }
        }
        return body()
    }
}

/// Removes what an append's repair leaves beside the registry's files, so
/// each state change starts from the registry as built.
enum FileSystemCleanup {
    static func removeBackups(in directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasPrefix("ledger.removed-") || name.contains(".tmp-") {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
