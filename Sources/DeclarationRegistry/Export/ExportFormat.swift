import Foundation
import RegistryFormat

/// The formats the list of signatories is exported in.
public enum ExportFormat: String, CaseIterable, Sendable, Hashable {
    /// RFC 4180 comma-separated values, for spreadsheets.
    case csv
    /// JSON following the versioned schema `SignatoryListing.jsonSchema`, for programs.
    case json
    /// CommonMark/GitHub tables, for reports and repositories.
    case markdown
    /// One self-contained HTML page, for websites and printing.
    case html

    /// The usual file-name extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .csv: return "csv"
        case .json: return "json"
        case .markdown: return "md"
        case .html: return "html"
        }
    }

    /// The media type to serve the export with.
    public var mediaType: String {
        switch self {
        case .csv: return "text/csv; charset=utf-8; header=present"
        case .json: return "application/json"
        case .markdown: return "text/markdown; charset=utf-8"
        case .html: return "text/html; charset=utf-8"
        }
    }
}

/// What to export and how.
public struct ExportOptions: Sendable, Hashable {
    /// The output format.
    public var format: ExportFormat
    /// The language of headings, kind names, country names and dates.
    public var language: Language
    /// Only signatories of this kind; both kinds when nil.
    public var kind: SignatoryKind?
    /// The export time written into the output. Fix it (for example from
    /// `SOURCE_DATE_EPOCH`) to make exports byte-for-byte reproducible.
    public var exportedAt: Date
    /// For CSV only: start the file with a UTF-8 byte order mark, which some
    /// spreadsheets need to read the file as UTF-8.
    public var byteOrderMark: Bool
    /// The URL of the registry's published site (https://host/prefix), if
    /// known: the export links the registry's origin to it and quotes the
    /// command that verifies the list from it.
    public var publishedURL: String?

    /// Options for an export in `format`; English, both kinds, made now, no
    /// BOM, no published URL.
    public init(format: ExportFormat, language: Language = .en, kind: SignatoryKind? = nil,
                exportedAt: Date = Date(), byteOrderMark: Bool = false, publishedURL: String? = nil) {
        self.format = format
        self.language = language
        self.kind = kind
        self.exportedAt = exportedAt
        self.byteOrderMark = byteOrderMark
        self.publishedURL = publishedURL
    }
}
