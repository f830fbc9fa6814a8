/// A language the declaration and the registry's exports are written in.
public enum Language: String, CaseIterable, Sendable, Codable, Comparable {
    case en, fr, es

    /// Orders languages as they are declared: English, French, Spanish.
    public static func < (lhs: Language, rhs: Language) -> Bool {
        let order = Language.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
