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
            return OpenAIErrorResponse(.upstreamUnreachable, message: "Could not reach MiMo: \(detail)", retryAfterSeconds: 2)
        case .overloaded(let rejection, let retryAfter):
            // 503 + Retry-After: Codex retries it at the HTTP layer after that delay (codex-contract §5.2).
            let code: OpenAIErrorCode
            switch rejection {
            case .queueFull: code = .proxyQueueFull
            case .waitedTooLong: code = .proxyQueueTimeout
            case .duplicateID: return OpenAIErrorResponse(.internalError, message: rejection.description)
            }
            return OpenAIErrorResponse(code, message: rejection.description, retryAfterSeconds: seconds(retryAfter) ?? 5)
        case .status(let status, let error, let retryAfter):
            switch error.kind {
            case .rateLimited:
                return OpenAIErrorResponse(.rateLimitExceeded, message: "MiMo rate limit: \(error.description)",
                                           retryAfterSeconds: seconds(retryAfter) ?? 5)
            case .contextLengthExceeded, .insufficientQuota, .modelNotServed:
                if clientStreams { return nil }
                let failure = error.responseFailure()
                let status = switch error.kind {
                case .insufficientQuota: 402
                case .modelNotServed: 404
                default: 400
                }
                return OpenAIErrorResponse(status: status, code: .codexFailure(failure.code), message: failure.message)
            case .authentication:
                return OpenAIErrorResponse(status: status == 403 ? 403 : 401, code: .upstreamAuthentication, message: authAdvice(error))
            case .server:
                return OpenAIErrorResponse(status: status == 503 ? 503 : 502, code: .upstreamError,
                                           message: "MiMo error (HTTP \(status)): \(error.description)",
                                           retryAfterSeconds: seconds(retryAfter) ?? 2)
            case .contentFilter:
                let failure = error.responseFailure()
                return OpenAIErrorResponse(status: 400, code: .codexFailure(failure.code), message: failure.message, param: error.param)
            case .invalidRequest, .modelCapability:
                return OpenAIErrorResponse(status: status == 421 ? 400 : (400..<500).contains(status) ? status : 400,
                                           code: .upstreamRejected(mimoCode: error.code),
                                           message: "MiMo rejected the request: \(error.description)", param: error.param)
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
