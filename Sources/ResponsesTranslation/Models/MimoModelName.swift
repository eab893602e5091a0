/// Model names as people type them (`v2.6-pro`, `MiMo-V2.6-Pro`, `pro`), and what the parts of a
/// MiMo id (`mimo-v<version>[-<family>]`) mean. Pure text; which ids exist is `ModelLineup`'s business.
public enum MimoModelName {
    /// "The newest model of this kind": `ccmimoctl model pro` keeps meaning the flagship when V3 comes.
    public enum Family: String, Sendable, CaseIterable {
        case pro
        case flash
        case proUltraspeed = "pro-ultraspeed"
    }

    /// What a typed name asks for: one id, or the newest model of a family.
    public enum Request: Sendable, Equatable {
        case id(String)
        case newest(Family)
    }

    /// Reads a name as typed. Case and surrounding whitespace do not matter, and the `mimo-` prefix may
    /// be left out. Nil for an empty name or one that cannot be a model id.
    public static func parse(_ typed: String) -> Request? {
        let name = typed.trimmedWhitespace.lowercased()
        let bare = name.hasPrefix("mimo-") ? String(name.dropFirst(5)) : name
        switch bare {
        case "pro": return .newest(.pro)
        case "flash": return .newest(.flash)
        case "ultraspeed", "pro-ultraspeed": return .newest(.proUltraspeed)
        default: break
        }
        let id = "mimo-" + bare
        return bare.isEmpty || !isPlausible(id) ? nil : .id(id)
    }

    /// `mimo-v2.6-pro` for any spelling of an id (`v2.6-pro`, `MiMo-V2.6-Pro`); family aliases stay as
    /// typed. For places that only normalise (settings) and resolve later against the lineup.
    public static func canonical(_ typed: String) -> String {
        let name = typed.trimmedWhitespace.lowercased()
        if case .newest? = parse(name) { return name }
        return name.hasPrefix("mimo-") ? name : "mimo-" + name
    }

    public static func isMimoModel(_ slug: String) -> Bool { slug.lowercased().hasPrefix("mimo-") }

    /// MiMo ids are short words of lower-case letters, digits, dots, dashes and underscores.
    public static func isPlausible(_ id: String) -> Bool {
        (6...64).contains(id.utf8.count) && id.hasPrefix("mimo-")
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x5F }
    }

    /// Speech models share the `/models` list with the chat models; Codex can use only the latter.
    public static func isChatModel(_ id: String) -> Bool {
        let id = id.lowercased()
        return isMimoModel(id) && !["-tts", "-asr", "-audio", "-embedding"].contains(where: { id.contains($0) })
    }

    /// `mimo-v2.6-pro` → version [2, 6], family "pro"; `mimo-v2.5` → [2, 5], "". Nil for other shapes.
    public static func parts(of id: String) -> (version: [Int], family: String)? {
        guard id.hasPrefix("mimo-v") else { return nil }
        let rest = id.dropFirst(6)
        let versionText = rest.prefix { $0 == "." || $0.isASCII && $0.isNumber }
        let version = versionText.split(separator: ".").compactMap { Int($0) }
        guard !version.isEmpty, version.count == versionText.split(separator: ".", omittingEmptySubsequences: false).count
        else { return nil }
        var family = rest.dropFirst(versionText.count)
        if family.first == "-" { family = family.dropFirst() }
        return (version, String(family))
    }

    /// The ids newest version first, then pro, flash, ultraspeed, then by name: one order whatever order
    /// the upstream lists them in. Codex copies the catalog's models into a tool description, which is
    /// part of every request's prompt, so the order must not move when the daemon reads MiMo's list.
    public static func catalogOrder(_ ids: [String]) -> [String] {
        func key(_ id: String) -> (version: [Int], rank: Int) {
            guard let parts = parts(of: id) else { return ([], Family.allCases.count + 1) }
            return (parts.version, Family(rawValue: parts.family).flatMap { Family.allCases.firstIndex(of: $0) } ?? Family.allCases.count)
        }
        return ids.sorted { a, b in
            let (ka, kb) = (key(a), key(b))
            if ka.version != kb.version { return isNewer(ka.version, than: kb.version) }
            if ka.rank != kb.rank { return ka.rank < kb.rank }
            return a < b
        }
    }

    /// Whether `a` is a newer version than `b` (`[3]` > `[2, 6]`).
    static func isNewer(_ a: [Int], than b: [Int]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x > y }
        return a.count > b.count
    }

    /// `mimo-v2.6-pro-ultraspeed` → "MiMo V2.6 Pro UltraSpeed".
    public static func displayName(of id: String) -> String {
        id.split(separator: "-").map { word -> String in
            switch word {
            case "mimo": "MiMo"
            case "ultraspeed": "UltraSpeed"
            default: word.prefix(1).uppercased() + word.dropFirst()
            }
        }.joined(separator: " ")
    }
}
