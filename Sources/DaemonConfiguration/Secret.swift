/// A credential that must never be printed. `description`, `debugDescription` and reflection
/// (`dump`, string interpolation of a containing struct) all show the redacted form; only
/// `revealed` gives the real text, so every use that sends it somewhere is easy to find.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public let revealed: String

    public init(_ value: String) {
        revealed = value
    }

    /// At most the first 3 characters and the length: enough to tell two keys apart, too little to
    /// use. Short values show less (a quarter of their length at most), so a short secret is never
    /// mostly visible.
    public var redacted: String { Self.redact(revealed) }

    public var description: String { redacted }
    public var debugDescription: String { redacted }
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }

    static func redact(_ text: String) -> String {
        let visible = min(3, text.count / 4)
        return "\(text.prefix(visible))…(\(text.count) characters)"
    }
}
