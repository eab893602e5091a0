/// Model names as users type them: `v2.5-pro`, `MiMo-V2.5-Pro` and `mimo-v2.5-pro` are the same
/// model. Not checked against a list, so a model MiMo adds later works without a release.
enum ModelName {
    static let conversion = ValueConversion<String>.text(expected: "a model name such as mimo-v2.5", normalize)

    static func normalize(_ text: String) -> Result<String, ConversionFailure> {
        let name = text.trimmingWhitespace.lowercased()
        if name.isEmpty {
            return .failure(.invalid(problem: "is empty; name a MiMo model such as mimo-v2.5 or v2.5-pro"))
        }
        if name.contains(where: { $0.isWhitespace }) {
            return .failure(.invalid(problem: "contains whitespace; a model name is a single word such as mimo-v2.5-pro"))
        }
        return .success(name.hasPrefix("mimo-") ? name : "mimo-" + name)
    }
}
