import Foundation

/// Reads a `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. MiMo does not
/// document sending one, but proxies and gateways in front of it may.
public enum RetryAfter {
    /// Longer waits are treated as this: nobody waits hours in front of a terminal, and the caller
    /// decides whether even this fits its budget.
    public static let maximum: Duration = .seconds(3600)

    /// nil when the value is neither a number nor a date; `.zero` for a date in the past.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmedWhitespace
        if let seconds = deltaSeconds(text) { return seconds }
        guard let date = HTTPDate.parse(text, now: now) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return clamp(seconds)
    }

    /// `120`, and leniently `1.5`: digits with an optional fraction, no sign, exponent or spaces.
    private static func deltaSeconds(_ text: String) -> Duration? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        // Very long digit strings overflow a Double's precision but are simply "huge".
        if whole.drop(while: { $0 == "0" }).count > 9 { return maximum }
        guard let seconds = Double(text) else { return nil }
        return clamp(seconds)
    }

    private static func clamp(_ seconds: Double) -> Duration {
        guard seconds > 0 else { return .zero }
        return seconds >= 3600 ? maximum : .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
