import ResponsesTranslation

/// The `error.code` of every HTTP error body ccmimolinkd sends, with the HTTP status it goes with.
///
/// Codex acts on the status, not on this code (codex-contract §5.2): a 5xx is retried (honouring
/// `Retry-After`), a 429 is retried after its `Retry-After` and is fatal without one, and any other
/// 4xx ends the turn with the body's message shown to the user. The code is for the people reading that
/// message and for programs using an OpenAI SDK, which expose it as `error.code`; keep each one stable.
public enum OpenAIErrorCode: Sendable, Hashable {
    // Refused before the request is read (`RequestGuard`): 403 and 415 end the turn.
    /// 403: the `Host` is not a loopback name (a DNS-rebinding page).
    case forbiddenHost
    /// 403: a browser sent it (`Origin`, or a `Sec-Fetch-Site` other than `none`).
    case forbiddenOrigin
    /// 415: a compressed body.
    case unsupportedContentEncoding
    /// 415: a body that is not JSON.
    case unsupportedMediaType

    // The request itself: each a 4xx, so Codex stops and shows the message.
    /// 413: larger than `MIMO_PROXY_MAX_BODY_BYTES`.
    case requestTooLarge
    /// 400: the body does not parse as JSON.
    case invalidJSON
    /// 400: JSON that is not a Responses request.
    case invalidRequest
    /// 404: `previous_response_id` or `GET /v1/responses/{id}` names no stored response.
    case responseNotFound
    /// 401: no MiMo key in the request, the credentials or the environment.
    case missingAPIKey
    /// 400: a Responses-Lite (code mode) model slug, which MiMo cannot serve.
    case responsesLiteUnsupported
    /// 426: a websocket upgrade; Codex falls back to HTTP.
    case websocketUnsupported

    // The daemon's own admission: 503 with `Retry-After`, which Codex retries after that delay.
    /// 503: the admission queue is full.
    case proxyQueueFull
    /// 503: the request waited in the queue too long.
    case proxyQueueTimeout
    /// 500: a daemon bug (two requests with one id); retried like any 5xx.
    case internalError

    // MiMo's answer, before any byte of the response went out.
    /// 429 with `Retry-After`: MiMo's rate limit. Codex retries the turn after that delay.
    case rateLimitExceeded
    /// 502 with `Retry-After`: MiMo could not be reached (refused, DNS, TLS, timeout).
    case upstreamUnreachable
    /// 401 or 403, as MiMo answered: the key was refused. Fatal; the message says where the key came from.
    case upstreamAuthentication
    /// 502, or 503 when MiMo said 503, with `Retry-After`: MiMo failed.
    case upstreamError
    /// MiMo's 4xx (a 421 becomes 400): `upstream_<MiMo's code>`, or `upstream_invalid_request` without one.
    case upstreamRejected(mimoCode: String?)
    /// A `response.failed` code told as an HTTP error to a client that does not stream (400, 402, 404, or
    /// 502 for a failure after MiMo answered): the same string Codex would have read inside a stream.
    case codexFailure(CodexFailureCode)

    /// The string in `error.code`.
    public var rawValue: String {
        switch self {
        case .forbiddenHost: "forbidden_host"
        case .forbiddenOrigin: "forbidden_origin"
        case .unsupportedContentEncoding: "unsupported_content_encoding"
        case .unsupportedMediaType: "unsupported_media_type"
        case .requestTooLarge: "request_too_large"
        case .invalidJSON: "invalid_json"
        case .invalidRequest: "invalid_request"
        case .responseNotFound: "response_not_found"
        case .missingAPIKey: "missing_api_key"
        case .responsesLiteUnsupported: "responses_lite_unsupported"
        case .websocketUnsupported: "websocket_unsupported"
        case .proxyQueueFull: "proxy_queue_full"
        case .proxyQueueTimeout: "proxy_queue_timeout"
        case .internalError: "internal_error"
        case .rateLimitExceeded: CodexFailureCode.rateLimitExceeded.rawValue
        case .upstreamUnreachable: "upstream_unreachable"
        case .upstreamAuthentication: "upstream_authentication"
        case .upstreamError: "upstream_error"
        case .upstreamRejected(let mimoCode): mimoCode.map { "upstream_\($0)" } ?? "upstream_invalid_request"
        case .codexFailure(let code): code.rawValue
        }
    }

    /// The HTTP status this code always goes with; nil where the status follows MiMo's answer.
    public var fixedStatus: Int? {
        switch self {
        case .forbiddenHost, .forbiddenOrigin: 403
        case .unsupportedContentEncoding, .unsupportedMediaType: 415
        case .requestTooLarge: 413
        case .invalidJSON, .invalidRequest, .responsesLiteUnsupported: 400
        case .responseNotFound: 404
        case .missingAPIKey: 401
        case .websocketUnsupported: 426
        case .proxyQueueFull, .proxyQueueTimeout: 503
        case .internalError: 500
        case .rateLimitExceeded: 429
        case .upstreamUnreachable: 502
        case .upstreamAuthentication, .upstreamError, .upstreamRejected, .codexFailure: nil
        }
    }
}
