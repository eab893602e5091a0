import MimoUpstream
import ResponsesTranslation

/// How an upstream failure reaches the client: as an HTTP error before the stream starts, or as
/// `response.failed` inside it — each with the status or code Codex acts on correctly.
enum UpstreamFailureMapping {
    /// Seconds to tell the client to wait, rounded up, at least 1.
    static func seconds(_ duration: Duration?) -> Int? {
        duration?.roundedUpSeconds
    }

    /// The answer before any byte was sent. nil means "better told inside a stream": Codex has
    /// dedicated handling for `context_length_exceeded`, `insufficient_quota` and `model_not_found`
    /// only there.
    static func httpError(for failure: UpstreamCallFailure, clientStreams: Bool, authAdvice: (UpstreamError) -> String) -> OpenAIErrorResponse? {
        switch failure {
        case .transport(let detail):
            return OpenAIErrorResponse(status: 502, message: "Could not reach MiMo: \(detail)", code: "upstream_unreachable",
                                       retryAfterSeconds: 2)
        case .overloaded(let rejection, let retryAfter):
            // 503 + Retry-After: Codex retries it at the HTTP layer after that delay (codex-contract §5.2).
            let code: String
            switch rejection {
            case .queueFull: code = "proxy_queue_full"
            case .waitedTooLong: code = "proxy_queue_timeout"
            case .duplicateID: return OpenAIErrorResponse(status: 500, message: rejection.description, code: "internal_error")
            }
            return OpenAIErrorResponse(status: 503, message: rejection.description, code: code,
                                       retryAfterSeconds: seconds(retryAfter) ?? 5)
        case .status(let status, let error, let retryAfter):
            switch error.kind {
            case .rateLimited:
                return OpenAIErrorResponse(status: 429, message: "MiMo rate limit: \(error.description)", code: "rate_limit_exceeded",
                                           retryAfterSeconds: seconds(retryAfter) ?? 5)
            case .contextLengthExceeded, .insufficientQuota, .modelNotServed:
                if clientStreams { return nil }
                let failure = error.responseFailure()
                let status = switch error.kind {
                case .insufficientQuota: 402
                case .modelNotServed: 404
                default: 400
                }
                return OpenAIErrorResponse(status: status, message: failure.message, code: failure.code.rawValue)
            case .authentication:
                return OpenAIErrorResponse(status: status == 403 ? 403 : 401, message: authAdvice(error), code: "upstream_authentication")
            case .server:
                return OpenAIErrorResponse(status: status == 503 ? 503 : 502, message: "MiMo error (HTTP \(status)): \(error.description)",
                                           code: "upstream_error", retryAfterSeconds: seconds(retryAfter) ?? 2)
            case .contentFilter:
                let failure = error.responseFailure()
                return OpenAIErrorResponse(status: 400, message: failure.message, code: failure.code.rawValue, param: error.param)
            case .invalidRequest, .modelCapability:
                return OpenAIErrorResponse(status: status == 421 ? 400 : (400..<500).contains(status) ? status : 400,
                                           message: "MiMo rejected the request: \(error.description)",
                                           code: error.code.map { "upstream_\($0)" } ?? "upstream_invalid_request",
                                           param: error.param)
            }
        }
    }

    /// The `response.failed` error once the stream has started.
    static func streamFailure(for failure: UpstreamCallFailure) -> ResponseFailure {
        switch failure {
        case .transport(let detail):
            return ResponseFailure(code: .serverError, message: "Could not reach MiMo: \(detail)")
        case .overloaded(let rejection, let retryAfter):
            // Inside a stream, rate_limit_exceeded with "try again in Ns" is the one code Codex retries
            // after exactly that delay; server_is_overloaded would end the session.
            return ResponseFailure(code: .rateLimitExceeded,
                                   message: "\(rejection.description) Try again in \(seconds(retryAfter) ?? 5)s.")
        case .status(_, let error, let retryAfter):
            return error.responseFailure(retryAfterSeconds: seconds(retryAfter).map(Double.init))
        }
    }

    static func streamFailure(for error: any Error) -> ResponseFailure {
        switch error {
        case let failure as UpstreamStreamFailure:
            switch failure {
            case .disconnected(let detail): return .upstreamDisconnected(detail)
            case .idleTimeout(let d): return .upstreamDisconnected("MiMo sent nothing for \(seconds(d) ?? 0)s")
            case .malformed(let detail): return .upstreamDisconnected("unreadable stream: \(detail)")
            }
        case let failure as UpstreamCallFailure:
            return streamFailure(for: failure)
        default:
            return .upstreamDisconnected(String(describing: error))
        }
    }
}
