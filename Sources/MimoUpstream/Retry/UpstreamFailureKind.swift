/// How an upstream attempt failed before any response byte reached the client.
public enum UpstreamFailureKind: Sendable, Hashable {
    /// No response headers arrived: connection refused or reset, DNS or TLS failure, or a timeout
    /// before the headers.
    case connect
    /// MiMo (or a gateway in front of it) answered with this non-2xx status.
    case status(Int)
}
