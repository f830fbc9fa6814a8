// Generates Sources/RegistryFormat/Values/SubdivisionNames.swift: every
// ISO 3166-2 subdivision code that Debian's iso-codes lists, with its type,
// its parent and its name in English, French and Spanish, and the alpha-3
// codes of ISO 3166-1 (which a person may type for a country).
//
// Usage (from the package root):
//   swift scripts/generate-subdivisions.swift [ISO_CODES_PREFIX] > Sources/RegistryFormat/Values/SubdivisionNames.swift
//
// ISO_CODES_PREFIX defaults to /usr (`apt-get install iso-codes`). Read from it:
// - share/iso-codes/json/iso_3166-2.json: the codes, types, parents and the
//   name iso-codes gives, most often in the local language ("Bayern");
// - share/iso-codes/json/iso_3166-1.json: the alpha-3 code of each country;
// - share/locale/{en,fr,es}/LC_MESSAGES/iso_3166-2.mo: iso-codes' translations
//   of those names ("Bavaria", "Bavière"), parsed here (GNU gettext's .mo
//   format) so that the script needs nothing but Foundation;
// - share/pkgconfig/iso-codes.pc: the release, recorded in the output.
// A missing translation falls back to the English name, and a missing English
// one to iso-codes' own name. The output is committed: the library never reads
// iso-codes at run time, so validation does not change with the machine.

import Foundation

let prefix = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/usr"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("generate-subdivisions: \(message)\n".utf8))
    exit(1)
}

func read(_ path: String) -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        fail("cannot read \(path); install Debian's iso-codes package or pass the prefix it is installed under")
    }
    return data
}

func swiftLiteral(_ text: String) -> String {
    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "\"\(escaped)\""
}

/// The messages of a GNU gettext .mo catalogue: a header of 32-bit words
/// (magic, revision, count, offset of the originals' table, offset of the
/// translations' table), each table holding a (length, offset) pair per string.
func messages(inCatalogue path: String) -> [String: String] {
    let bytes = [UInt8](read(path))
    func word(_ offset: Int, bigEndian: Bool) -> Int {
        guard offset + 4 <= bytes.count else { fail("\(path) is truncated at byte \(offset)") }
        let b = bytes[offset..<offset + 4].map(UInt32.init)
        let value = bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
        return Int(value)
    }
    let bigEndian: Bool
    switch word(0, bigEndian: false) {
    case 0x9504_12de: bigEndian = false
    case 0xde12_0495: bigEndian = true
    default: fail("\(path) is not a gettext .mo catalogue (wrong magic number)")
    }
    let count = word(8, bigEndian: bigEndian)
    let originals = word(12, bigEndian: bigEndian)
    let translations = word(16, bigEndian: bigEndian)
    func string(table: Int, index: Int) -> String {
        let length = word(table + 8 * index, bigEndian: bigEndian)
        let offset = word(table + 8 * index + 4, bigEndian: bigEndian)
        guard offset + length <= bytes.count, let text = String(validating: bytes[offset..<offset + length], as: UTF8.self)
        else { fail("\(path): string \(index) is out of bounds or not UTF-8") }
        return text
    }
    var result: [String: String] = [:]
    for index in 0..<count {
        let original = string(table: originals, index: index)
        let translation = string(table: translations, index: index)
        // The empty original is the catalogue's header; a context or plural
        // form (NUL or EOT inside) is not a name.
        guard !original.isEmpty, !original.contains("\u{0}"), !original.contains("\u{4}"), !translation.isEmpty
        else { continue }
        result[original] = translation
    }
    return result
}

func entries(_ file: String, key: String) -> [[String: String]] {
    let path = "\(prefix)/share/iso-codes/json/\(file)"
    guard let root = try? JSONSerialization.jsonObject(with: read(path)) as? [String: Any],
          let entries = root[key] as? [[String: String]]
    else { fail("\(path) is not iso-codes' JSON (expected an object with a \"\(key)\" array of strings)") }
    return entries
}

let pkgConfig = String(decoding: read("\(prefix)/share/pkgconfig/iso-codes.pc"), as: UTF8.self)
guard let version = pkgConfig.split(separator: "\n").first(where: { $0.hasPrefix("Version: ") })?.dropFirst(9)
else { fail("\(prefix)/share/pkgconfig/iso-codes.pc has no Version line") }

let catalogues = ["en", "fr", "es"].map { messages(inCatalogue: "\(prefix)/share/locale/\($0)/LC_MESSAGES/iso_3166-2.mo") }
let subdivisions = entries("iso_3166-2.json", key: "3166-2").sorted { $0["code", default: ""] < $1["code", default: ""] }
let countries = entries("iso_3166-1.json", key: "3166-1").sorted { $0["alpha_2", default: ""] < $1["alpha_2", default: ""] }

func isCode(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    return parts.count == 2 && parts[0].count == 2 && parts[0].allSatisfy({ ("A"..."Z").contains($0) })
        && (1...3).contains(parts[1].count) && parts[1].allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
}

/// iso-codes' translations that are plainly wrong, by code and language
/// (0 English, 1 French, 2 Spanish): a typing mistake upstream, not a choice.
let corrections: [String: [Int: String]] = [
    "BR-SP": [1: "São Paulo"],  // iso-codes 4.15.0's French reads "Sôo Paulo"
]

let allCodes = Set(subdivisions.compactMap { $0["code"] })
var lines: [String] = []
var seen = Set<String>()
for entry in subdivisions {
    guard let code = entry["code"], isCode(code), seen.insert(code).inserted,
          let local = entry["name"], !local.isEmpty, let type = entry["type"], !type.isEmpty
    else { fail("an entry of iso_3166-2.json has no well-formed, unique code, name or type: \(entry)") }
    var parentCode = ""
    if let parent = entry["parent"] {
        // iso-codes writes most parents without their country ("IDF"), a few with it ("GB-NIR").
        parentCode = parent.contains("-") ? parent : String(code.prefix(3)) + parent
        guard allCodes.contains(parentCode) else { fail("\(code): its parent \(parentCode) is not listed") }
    }
    // Only what differs from the name it falls back to is written out.
    let english = corrections[code]?[0] ?? catalogues[0][local] ?? local
    let french = corrections[code]?[1] ?? catalogues[1][local] ?? english
    let spanish = corrections[code]?[2] ?? catalogues[2][local] ?? english
    let fields = [code, type, parentCode, local, english == local ? "" : english,
                  french == english ? "" : french, spanish == english ? "" : spanish]
    guard fields.allSatisfy({ !$0.contains("|") && !$0.contains("\n") && !$0.contains(rawQuote.close) }) else {
        fail("\(code): a field holds \"|\", a line break or a raw string's end, which the table cannot hold")
    }
    // Trailing empty fields are left out.
    var row = fields
    while row.last == "" { row.removeLast() }
    lines.append(row.joined(separator: "|"))
}

var alpha3: [String] = []
for entry in countries {
    guard let two = entry["alpha_2"], let three = entry["alpha_3"], two.count == 2, three.count == 3 else {
        fail("an entry of iso_3166-1.json has no alpha_2 or alpha_3 code: \(entry)")
    }
    alpha3.append("        \(swiftLiteral(three)): \(swiftLiteral(two)),")
}

/// The delimiters of a raw multi-line string, spelt out so as not to end this one.
let rawQuote = (open: "#" + String(repeating: "\"", count: 3), close: String(repeating: "\"", count: 3) + "#")

print("""
// Generated by scripts/generate-subdivisions.swift from Debian's iso-codes \(version)
// (iso_3166-2.json, iso_3166-1.json and the en, fr and es translations of
// iso_3166-2); do not edit by hand: run the script again (see docs/LOCALIZATION.md).

extension Subdivision {
    /// The iso-codes release the table was generated from.
    public static let isoCodesVersion = "\(version)"

    /// Every ISO 3166-2 subdivision code iso-codes lists, sorted by code
    /// (\(lines.count) codes), one per line: code|type|parent|local name|English|French|Spanish.
    /// The local name is iso-codes' own; a translation is given only where it
    /// differs from the English name, and the English only where it differs
    /// from the local one. Text rather than an array literal: the compiler
    /// type-checks a literal of thousands of values slowly and in gigabytes.
    static let table = \(rawQuote.open)
\(lines.joined(separator: "\n"))
\(rawQuote.close)
}

extension Country {
    /// The ISO 3166-1 alpha-3 code of every country, to its alpha-2 code.
    static let alpha3: [String: String] = [
\(alpha3.joined(separator: "\n"))
    ]
}
""")
