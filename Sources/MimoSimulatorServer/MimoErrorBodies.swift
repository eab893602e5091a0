import ResponsesTranslation

/// MiMo's error bodies (mimo-api.md §8), member order as observed. `error.code` is a string.
enum MimoErrorBodies {
    /// 401 for a missing, empty, doubled or wrong-plan key. Note MiMo's unusual member order.
    static let invalidKey: JSONValue = [
        "error": ["message": "Invalid API Key", "param": "Please provide valid API Key", "code": "401", "type": "invalid_key"],
    ]

    /// 429 for too many requests.
    static let tooManyRequests: JSONValue = [
        "error": ["code": "429", "message": "Too many requests", "type": "limitation"],
    ]

    /// 429 for an exhausted Token Plan quota. MiMo documents the status but not this body, so the
    /// wording is ours; the shape follows its other 429.
    static let quotaExhausted: JSONValue = [
        "error": ["code": "429", "message": "Token Plan quota exhausted", "type": "limitation"],
    ]

    /// What MiMo answers with `status`, as far as known; the messages for statuses without an observed
    /// body are ours, in MiMo's wrapped shape.
    static func body(forStatus status: Int) -> JSONValue {
        switch status {
        case 401: return invalidKey
        case 429: return tooManyRequests
        // Observed on Token Plan bursts without the "error" wrapper (XiaomiMiMo/MiMo#99).
        case 402: return ["type": "server_error", "message": "Upstream request failed: Insufficient account funds"]
        default:
            let message: String
            switch status {
            case 400: message = "Param Incorrect"
            case 403: message = "Forbidden"
            case 404: message = "Not Found"
            case 413: message = "Request Entity Too Large"
            case 421: message = "Content Filter"
            case 500: message = "Internal Server Error"
            case 502: message = "Bad Gateway"
            case 503: message = "Service Unavailable"
            case 504: message = "Gateway Timeout"
            default: message = "Error"
            }
            return ["error": ["code": .string(String(status)), "message": .string(message), "type": status >= 500 ? "server_error" : ""]]
        }
    }
}
