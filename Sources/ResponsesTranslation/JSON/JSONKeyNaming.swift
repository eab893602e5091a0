/// How `JSONValueEncoder` and `JSONValueDecoder` spell a coding key in JSON.
public enum JSONKeyNaming: Sendable, Equatable {
    /// The key as declared (`CodingKey.stringValue`).
    case asDeclared
    /// Lower-case words joined by underscores: `inFlight` → `in_flight`, `baseURL` → `base_url`. A run of
    /// capitals is one word, except that its last capital starts the next word when a lower-case letter
    /// follows (`URLPath` → `url_path`). Both coders convert the declared key, never the JSON key back,
    /// so `base_url` finds `baseURL`. A keyed container's `allKeys` therefore lists only the keys whose
    /// declared spelling is already snake_case; decode dictionaries and enums with payloads `.asDeclared`.
    case snakeCase

    /// The key's spelling in JSON.
    public func jsonKey(_ declared: String) -> String {
        switch self {
        case .asDeclared: declared
        case .snakeCase: Self.snakeCased(declared)
        }
    }

    private static func snakeCased(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        result.reserveCapacity(name.utf8.count + 4)
        for (index, character) in characters.enumerated() {
            guard character.isUppercase else {
                result.append(character)
                continue
            }
            if index > 0 {
                let previous = characters[index - 1]
                let nextIsLowercase = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous != "_", !previous.isUppercase || nextIsLowercase { result.append("_") }
            }
            result += character.lowercased()
        }
        return result
    }
}
