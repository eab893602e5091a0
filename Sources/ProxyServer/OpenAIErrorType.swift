/// The `error.type` of an HTTP error body, which follows from its status as in OpenAI's API. Codex
/// does not read it; the OpenAI SDKs pick their exception class by status and expose this string.
public enum OpenAIErrorType: String, Sendable, CaseIterable {
    case authenticationError = "authentication_error"
    case permissionError = "permission_error"
    case notFoundError = "not_found_error"
    case invalidRequestError = "invalid_request_error"
    case rateLimitError = "rate_limit_error"
    case serverError = "server_error"

    public init(status: Int) {
        switch status {
        case 401: self = .authenticationError
        case 403: self = .permissionError
        case 404: self = .notFoundError
        case 429: self = .rateLimitError
        case 500...: self = .serverError
        default: self = .invalidRequestError
        }
    }
}
