/// Why a request was turned away without reaching MiMo.
public enum AdmissionRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// `maxWaiting` requests were already queued.
    case queueFull(limit: Int)
    /// The request queued longer than `maxWait`.
    case waitedTooLong(limit: Duration)
    /// The id is already queued or admitted: a caller bug, reported instead of corrupting the count.
    case duplicateID(UInt64)

    public var description: String {
        switch self {
        case .queueFull(let limit):
            "ccmimolink already has \(limit) requests waiting for a free MiMo slot. Run fewer Codex sessions "
                + "at once, or raise max_waiting (MIMO_PROXY_MAX_WAITING) or max_concurrent."
        case .waitedTooLong(let limit):
            "The request waited \(limit) for a free MiMo slot (other requests were streaming, or MiMo asked "
                + "us to back off after a 429). Try again shortly, or raise max_concurrent (MIMO_PROXY_MAX_CONCURRENT)."
        case .duplicateID(let id):
            "Internal error: admission id \(id) was requested twice. Please report this."
        }
    }
}
