/// Codex's reasoning effort in the terms MiMo accepts. Codex sends `none minimal low medium high xhigh
/// max ultra` (codex-contract.md §1.2); MiMo v2.6 takes `thinking` on or off and `reasoning_effort`
/// `low | medium | high`, and answers 400 to `minimal`, `xhigh` and `max` (world-2026-12.md §1,
/// recorded 2026-12-07). So every effort is mapped or clamped here; none is forwarded as it came.
public enum MimoReasoning: Sendable, Equatable {
    /// `thinking: {type: disabled}`.
    case off
    /// `thinking: {type: enabled}`, with `reasoning_effort` when one applies (nil: MiMo's default).
    case on(effort: String?)

    public init(codexEffort: String?) {
        switch codexEffort?.trimmedWhitespace.lowercased() {
        case nil, "": self = .on(effort: nil)
        case "none": self = .off
        case "minimal", "low": self = .on(effort: "low")
        case "medium": self = .on(effort: "medium")
        case "high", "xhigh", "max", "ultra": self = .on(effort: "high")
        default: self = .on(effort: nil)
        }
    }

    public var thinkingEnabled: Bool { self != .off }

    public var effort: String? {
        if case .on(let effort) = self { return effort }
        return nil
    }

    /// Codex's effort was not one MiMo takes as it is: said in the request's log line.
    public static func adjustment(from codexEffort: String?) -> String? {
        guard let given = codexEffort?.trimmedWhitespace.lowercased(), !given.isEmpty else { return nil }
        switch MimoReasoning(codexEffort: given) {
        case .off where given == "none": return nil
        case .on(let effort?) where effort == given: return nil
        case .on(let effort?): return "reasoning effort \(given) → \(effort)"
        default: return "reasoning effort \(given) → MiMo's default (not an effort MiMo knows)"
        }
    }
}
