import ResponsesTranslation
/// A MiMo API key and where it came from. Every textual form (`description`, `debugDescription`,
/// `dump`, string interpolation) shows only `redacted`, so passing a key to a logger by mistake
/// leaks nothing; only `AuthHeaderChoice` reads `value`.
public struct MimoAPIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// Sent by the client in this request header.
        case request(header: String)
        /// Read from a systemd credential file (`LoadCredential=`).
        case credentialsFile(path: String)
        /// The daemon's `MIMO_API_KEY`.
        case environment

        public var description: String {
            switch self {
            case .request(let header): "the request's \(header) header"
            case .credentialsFile(let path): "the credential file \(path)"
            case .environment: "the daemon's \(APIKeyResolver.environmentVariable) environment variable"
            }
        }
    }

    /// The secret itself. Never log or print it.
    public let value: String
    public let source: Source

    public init(value: String, source: Source) {
        self.value = value
        self.source = source
    }

    /// The plan prefix and the length (`SecretRedaction.summary`): what a person needs to tell keys apart.
    public var redacted: String { SecretRedaction.summary(of: value) }

    /// Token Plan keys: `tp-` (personal) and `ttp-` (team).
    public var isTokenPlanKey: Bool {
        let lowered = value.lowercased()
        return lowered.hasPrefix("tp-") || lowered.hasPrefix("ttp-")
    }

    /// Pay-as-you-go keys.
    public var isPayAsYouGoKey: Bool { value.lowercased().hasPrefix("sk-") }

    public var description: String { redacted }
    public var debugDescription: String { "MimoAPIKey(\(redacted), from \(source))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["redacted": redacted, "source": source], displayStyle: .struct)
    }
}
