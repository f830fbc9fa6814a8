/// What a server answered to a POST (`HTTPClient.post`): its status, its
/// media type and its body, read whole (within the request's byte limit)
/// whatever the status, since a protocol such as c2sp.org/tlog-witness
/// says things in the bodies of its 4xx answers too.
public struct HTTPAnswer: Sendable, Equatable {
    /// The HTTP status code.
    public let status: Int
    /// The `Content-Type` header, as sent; nil when there was none.
    public let contentType: String?
    /// The body.
    public let body: [UInt8]

    /// An answer.
    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// The media type without its parameters, lowercased: `text/plain`
    /// for `Text/Plain; charset=utf-8`.
    public var mediaType: String? {
        contentType.map { type in
            String(type.prefix { $0 != ";" }).trimmingWhitespace.lowercased()
        }
    }

    /// The start of the body as text, for a message: at most `limit`
    /// characters, control characters shown as spaces.
    public func bodyExcerpt(limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let shown = String(text.unicodeScalars.prefix(limit).map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        let trimmed = shown.trimmingWhitespace
        return text.unicodeScalars.count > limit ? trimmed + "…" : trimmed
    }
}

extension String {
    /// The string without spaces at either end.
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
