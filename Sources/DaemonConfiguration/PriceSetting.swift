import ResponsesTranslation

/// `prices`: the user's price entries, which replace or add to Xiaomi's published ones (`PriceTable`).
/// In config.toml a table of tables, one per model id, in US dollars per million tokens:
///
///     [prices."mimo-v2.6-pro"]
///     input = 0.435
///     cached_input = 0.0036
///     output = 0.87
///
/// In the environment or a flag, the same as an inline table. Every entry needs all three prices: a
/// missing one would make the estimate wrong without saying so.
enum PriceSetting {
    static let fields = ["input", "cached_input", "output"]

    static var conversion: ValueConversion<[TokenPrice]> {
        let expected = "a table of model prices such as [prices.\"mimo-v2.6-pro\"] with input, cached_input and output"
        return ValueConversion(
            expected: expected,
            fromText: { text in
                guard let value = ConfigurationDocument.parseValue(text), case .table = value else {
                    return .failure(.invalid(problem: """
                        is not a TOML inline table; write it like { "mimo-v2.6-pro" = { input = 0.435, \
                        cached_input = 0.0036, output = 0.87 } }
                        """))
                }
                return prices(value)
            },
            fromFile: prices)
    }

    private static func prices(_ value: FileValue) -> Result<[TokenPrice], ConversionFailure> {
        guard case .table(let models) = value else { return .failure(.wrongType) }
        var prices: [TokenPrice] = []
        for name in models.keys.sorted() {
            guard case .id(let id)? = MimoModelName.parse(name) else {
                return .failure(.invalid(problem: """
                    names '\(name)', which is not one model id; name each model in full (such as mimo-v2.6-pro): \
                    prices differ between versions and kinds
                    """))
            }
            guard case .table(let fields)? = models[name] else {
                return .failure(.invalid(problem: "gives \(id) no table; write [prices.\"\(id)\"] with input, cached_input and output"))
            }
            if let nested = fields.keys.sorted().first(where: { if case .table = fields[$0] { true } else { false } }) {
                return .failure(.invalid(problem: """
                    splits the id '\(name).\(nested)' at its dot; quote the id: [prices."\(name).\(nested)"]
                    """))
            }
            if let unknown = fields.keys.sorted().first(where: { !Self.fields.contains($0) }) {
                let hint = SpellingSuggestion.closest(to: unknown, among: Self.fields).map { " (did you mean '\($0)'?)" } ?? ""
                return .failure(.invalid(problem: "has an unknown price '\(unknown)' for \(id)\(hint); the prices are input, cached_input and output"))
            }
            var dollars: [String: Double] = [:]
            for field in Self.fields {
                let number: Double
                switch fields[field] {
                case .float(let value)?: number = value
                case .integer(let value)?: number = Double(value)
                case nil:
                    return .failure(.invalid(problem: """
                        has no \(field) price for \(id); every entry needs input, cached_input and output \
                        (US dollars per million tokens)
                        """))
                case let other?:
                    return .failure(.invalid(problem: "has \(other.foundDescription) as the \(field) price for \(id); expected a number of dollars per million tokens"))
                }
                guard number.isFinite, number >= 0 else {
                    return .failure(.invalid(problem: "has a negative \(field) price for \(id)"))
                }
                dollars[field] = number
            }
            prices.append(TokenPrice(model: id, input: dollars["input"]!, cachedInput: dollars["cached_input"]!,
                                     output: dollars["output"]!, source: "configured"))
        }
        return .success(prices)
    }

    /// The entries as an inline TOML table, so `--print-config`'s line can be pasted back.
    static func text(_ prices: [TokenPrice]) -> String {
        guard !prices.isEmpty else { return "(Xiaomi's published prices)" }
        return "{ " + prices.map { price in
            "\"\(price.model)\" = { input = \(price.input), cached_input = \(price.cachedInput), output = \(price.output) }"
        }.joined(separator: ", ") + " }"
    }
}
