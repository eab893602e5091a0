/// `usage_cost`: whether `ccmimoctl usage` and `status` estimate what the tokens cost. Token Plan
/// subscriptions are paid per plan, not per token, so by default the money column appears only when
/// the upstream bills per token.
public enum UsageCostDisplay: String, Sendable, Equatable, CaseIterable {
    /// On for pay-as-you-go, off for a Token Plan (its mode, host or key).
    case auto
    /// Always: on a Token Plan, what the same traffic would cost pay-as-you-go.
    case on
    /// Never: tokens only.
    case off

    public func showsCost(tokenPlan: Bool) -> Bool {
        switch self {
        case .auto: !tokenPlan
        case .on: true
        case .off: false
        }
    }

    /// The names of `choice`, and booleans too (`usage_cost = false` reads naturally).
    static var conversion: ValueConversion<UsageCostDisplay> {
        let names = allCases.map(\.rawValue)
        let fromText: @Sendable (String) -> Result<UsageCostDisplay, ConversionFailure> = { text in
            let name = text.trimmedWhitespace.lowercased()
            if let value = UsageCostDisplay(rawValue: name) { return .success(value) }
            switch name {
            case "true", "yes", "1", "show": return .success(.on)
            case "false", "no", "0", "hide": return .success(.off)
            default: return .failure(.invalid(problem: "is not one of \(names.joined(separator: ", "))"))
            }
        }
        return ValueConversion(
            expected: "one of \(names.joined(separator: ", ")) (or a boolean)",
            fromText: fromText,
            fromFile: { value in
                switch value {
                case .string(let text): fromText(text)
                case .boolean(let flag): .success(flag ? .on : .off)
                default: .failure(.wrongType)
                }
            })
    }
}
