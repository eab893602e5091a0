import ResponsesTranslation

/// Model names as users type them: `v2.6-pro`, `MiMo-V2.6-Pro` and `mimo-v2.6-pro` are the same
/// model, and `pro` / `flash` mean the newest of their kind. Not checked against a list, so a model
/// MiMo adds later works without a release; the daemon resolves names against what the upstream serves.
enum ModelName {
    static let conversion = ValueConversion<String>.text(expected: "a model name such as mimo-v2.6-pro", normalize)

    static func normalize(_ text: String) -> Result<String, ConversionFailure> {
        let name = text.trimmedWhitespace
        if name.isEmpty {
            return .failure(.invalid(problem: "is empty; name a MiMo model such as mimo-v2.6-pro, v2.6-pro or pro"))
        }
        if name.contains(where: { $0.isWhitespace }) {
            return .failure(.invalid(problem: "contains whitespace; a model name is a single word such as mimo-v2.6-pro"))
        }
        guard MimoModelName.parse(name) != nil else {
            return .failure(.invalid(problem: "is not a MiMo model name; use letters, digits, dots and dashes, such as mimo-v2.6-pro"))
        }
        return .success(MimoModelName.canonical(name))
    }
}
