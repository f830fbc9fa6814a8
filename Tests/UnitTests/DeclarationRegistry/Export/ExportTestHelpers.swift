import DeclarationRegistry
import Foundation
import RegistryFormat
import RegistryStorage
import TestSupport

/// Shared pieces of the export tests.
enum ExportTesting {
    /// The fixed export time of golden files.
    static var exportedAt: Date {
        get throws { try RFC3339.date(from: ExportFixture.exportTime) }
    }

    /// Options for `format` in `language` at the golden export time.
    static func options(_ format: ExportFormat, _ language: Language = .en, kind: SignatoryKind? = nil,
                        bom: Bool = false) throws -> ExportOptions {
        ExportOptions(format: format, language: language, kind: kind, exportedAt: try exportedAt, byteOrderMark: bom)
    }

    /// Exports the registry at `path`.
    static func export(_ path: String, _ options: ExportOptions) throws -> [UInt8] {
        try SignatoryExport.export(registry: RegistryLayout(directory: path), options: options)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The folder of golden files, beside the test targets.
    static let goldenDirectory = URL(fileURLWithPath: #filePath)  // Tests/UnitTests/DeclarationRegistry/Export/
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden/Export")

    /// Compares `bytes` with the golden file `name`; with
    /// DECLARATION_RECORD_GOLDEN=1 in the environment, writes it instead.
    static func matchesGolden(_ bytes: [UInt8], _ name: String) throws -> Bool {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DECLARATION_RECORD_GOLDEN"] == "1" {
            try Data(bytes).write(to: url)
        }
        return try Array(Data(contentsOf: url)) == bytes
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes and line
    /// breaks; records end with CRLF. Returns nil on malformed input.
    static func parseCSV(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false
        var wasQuoted = false
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field += "\"" } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty, !wasQuoted else { return nil }
                quoted = true
                wasQuoted = true
            case ",":
                record.append(field); field = ""; wasQuoted = false
            case "\r":
                guard scalars.popFirst() == "\n" else { return nil }
                record.append(field); records.append(record)
                record = []; field = ""; wasQuoted = false
            case "\n":
                return nil
            default:
                guard !wasQuoted else { return nil }
                field.unicodeScalars.append(scalar)
            }
        }
        guard !quoted, field.isEmpty, record.isEmpty else { return nil }
        return records
    }

    /// The cells of a Markdown table row, split on unescaped pipes, or nil
    /// if `line` is not a row.
    static func markdownCells(_ line: String) -> [String]? {
        guard line.hasPrefix("|") else { return nil }
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for scalar in line.unicodeScalars.dropFirst() {
            if escaped {
                cell.unicodeScalars.append(scalar); escaped = false
            } else if scalar == "\\" {
                cell.unicodeScalars.append(scalar); escaped = true
            } else if scalar == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = ""
            } else {
                cell.unicodeScalars.append(scalar)
            }
        }
        cells.append(cell)
        return cells
    }

    /// Markdown text with its backslash escapes removed.
    static func unescapeMarkdown(_ text: String) -> String {
        var out = ""
        var escaped = false
        for scalar in text.unicodeScalars {
            if !escaped && scalar == "\\" { escaped = true; continue }
            escaped = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
