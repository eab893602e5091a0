@testable import ProxyServer
import ResponsesTranslation
import Testing

/// The strings the daemon's HTTP errors and log lines carry, pinned: a changed string fails here.
@Suite struct ErrorAndOutcomeWireTests {
    /// Exhaustive: a new code does not compile until its string and status are written down here.
    static func pinned(_ code: OpenAIErrorCode) -> (code: String, status: Int?) {
        switch code {
        case .forbiddenHost: ("forbidden_host", 403)
        case .forbiddenOrigin: ("forbidden_origin", 403)
        case .unsupportedContentEncoding: ("unsupported_content_encoding", 415)
        case .unsupportedMediaType: ("unsupported_media_type", 415)
        case .requestTooLarge: ("request_too_large", 413)
        case .invalidJSON: ("invalid_json", 400)
        case .invalidRequest: ("invalid_request", 400)
        case .responseNotFound: ("response_not_found", 404)
        case .missingAPIKey: ("missing_api_key", 401)
        case .responsesLiteUnsupported: ("responses_lite_unsupported", 400)
        case .websocketUnsupported: ("websocket_unsupported", 426)
        case .proxyQueueFull: ("proxy_queue_full", 503)
        case .proxyQueueTimeout: ("proxy_queue_timeout", 503)
        case .internalError: ("internal_error", 500)
        case .rateLimitExceeded: ("rate_limit_exceeded", 429)
        case .upstreamUnreachable: ("upstream_unreachable", 502)
        case .upstreamAuthentication: ("upstream_authentication", nil)
        case .upstreamError: ("upstream_error", nil)
        case .upstreamRejected(let mimoCode): (mimoCode == "400" ? "upstream_400" : "upstream_invalid_request", nil)
        case .codexFailure(let failure): (failure == .modelNotFound ? "model_not_found" : "context_length_exceeded", nil)
        }
    }

    static let codes: [OpenAIErrorCode] = [
        .forbiddenHost, .forbiddenOrigin, .unsupportedContentEncoding, .unsupportedMediaType, .requestTooLarge, .invalidJSON,
        .invalidRequest, .responseNotFound, .missingAPIKey, .responsesLiteUnsupported, .websocketUnsupported, .proxyQueueFull,
        .proxyQueueTimeout, .internalError, .rateLimitExceeded, .upstreamUnreachable, .upstreamAuthentication, .upstreamError,
        .upstreamRejected(mimoCode: "400"), .upstreamRejected(mimoCode: nil), .codexFailure(.modelNotFound),
        .codexFailure(.contextLengthExceeded),
    ]

    @Test(arguments: codes)
    func errorCodesKeepTheirStringsAndStatuses(_ code: OpenAIErrorCode) {
        #expect(code.rawValue == Self.pinned(code).code)
        #expect(code.fixedStatus == Self.pinned(code).status)
    }

    @Test func aFixedCodeBringsItsStatusTypeAndBody() {
        let error = OpenAIErrorResponse(.rateLimitExceeded, message: "Slow down.")
        #expect(error.httpStatus == 429)
        #expect(error.retryAfterSeconds == 1)  // Codex treats a 429 without Retry-After as fatal
        #expect(error.json.serialized()
            == #"{"error":{"message":"Slow down.","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}"#)
    }

    @Test func errorTypesFollowTheStatus() {
        let pinned: [Int: String] = [400: "invalid_request_error", 401: "authentication_error", 402: "invalid_request_error",
                                     403: "permission_error", 404: "not_found_error", 413: "invalid_request_error",
                                     415: "invalid_request_error", 426: "invalid_request_error", 429: "rate_limit_error",
                                     500: "server_error", 502: "server_error", 503: "server_error"]
        for (status, type) in pinned { #expect(OpenAIErrorType(status: status).rawValue == type, "\(status)") }
    }

    @Test func outcomesAndWhichOnesAnswered() {
        let pinned: [ExchangeOutcome: (String, answered: Bool)] = [
            .completed: ("completed", true), .incomplete: ("incomplete", true), .failed: ("failed", false),
            .error: ("error", false), .clientDisconnected: ("client_disconnected", false),
        ]
        #expect(pinned.count == ExchangeOutcome.allCases.count)
        for outcome in ExchangeOutcome.allCases {
            #expect(outcome.rawValue == pinned[outcome]?.0)
            #expect(outcome.gaveAnAnswer == pinned[outcome]?.answered)
        }
        #expect(ResponseObject.Status.allCases.map(ExchangeOutcome.init) == [.failed, .completed, .incomplete, .failed])
    }

    @Test func abandonReasonsAsTheLogSaysThem() {
        let pinned: [(AbandonReason, String)] = [
            (.cancelled, "cancelled"),
            (.clientGoneBeforeStreamStarted, "client gone before the stream started"),
            (.daemonStopping, "the daemon is stopping"),
            (.clientGone(detail: "Connection reset by peer"), "client gone: Connection reset by peer"),
            (.unexpected("boom"), "boom"),
        ]
        for (reason, text) in pinned { #expect(reason.description == text) }
        #expect(StreamingResponder.reason(CancellationError()) == .daemonStopping)
    }
}
