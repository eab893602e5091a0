/// Detail texts in the style of Pydantic v2, which MiMo's validation uses (mimo-api.md §4.4 quotes
/// "Input should be a valid boolean"). MiMo documents only a few exact texts; every text built here is
/// our own plausible rendering, prefixed with the dotted location (`messages.2.content.0.text`) so a
/// failing bridge test names the offending field.
enum PydanticDetail {
    static func missing(_ loc: String) -> MimoRejection {
        .paramIncorrect("\(loc): Field required")
    }

    /// `expected` is Pydantic's noun: "string", "boolean", "integer", "number", "list", "dictionary".
    static func wrongType(_ loc: String, _ expected: String) -> MimoRejection {
        .paramIncorrect("\(loc): Input should be a valid \(expected)")
    }

    static func unknownTag(_ loc: String, found: String, discriminator: String, expected: [String]) -> MimoRejection {
        let tags = expected.map { "'\($0)'" }.joined(separator: ", ")
        return .paramIncorrect(
            "\(loc): Input tag '\(found)' found using '\(discriminator)' does not match any of the expected tags: \(tags)")
    }

    static func missingTag(_ loc: String, discriminator: String) -> MimoRejection {
        .paramIncorrect("\(loc): Unable to extract tag using discriminator '\(discriminator)'")
    }

    /// "Input should be 'a' or 'b'" / "Input should be 'a', 'b' or 'c'".
    static func notLiteral(_ loc: String, allowed: [String]) -> MimoRejection {
        let quoted = allowed.map { "'\($0)'" }
        let list = quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " or " + quoted.last! : quoted.joined()
        return .paramIncorrect("\(loc): Input should be \(list)")
    }

    static func tooSmall(_ loc: String, min: String) -> MimoRejection {
        .paramIncorrect("\(loc): Input should be greater than or equal to \(min)")
    }

    static func tooLarge(_ loc: String, max: String) -> MimoRejection {
        .paramIncorrect("\(loc): Input should be less than or equal to \(max)")
    }

    static func emptyString(_ loc: String) -> MimoRejection {
        .paramIncorrect("\(loc): String should have at least 1 character")
    }

    static func emptyList(_ loc: String) -> MimoRejection {
        .paramIncorrect("\(loc): List should have at least 1 item after validation, not 0")
    }
}
