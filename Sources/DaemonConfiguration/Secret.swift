import ResponsesTranslation
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

    /// The plan prefix and the length (`SecretRedaction.summary`): enough to tell two keys apart, too
    /// little to use.
    public var redacted: String { SecretRedaction.summary(of: revealed) }

    public var description: String { redacted }
    public var debugDescription: String { redacted }
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }

}
