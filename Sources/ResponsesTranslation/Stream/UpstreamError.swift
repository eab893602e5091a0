/// An error MiMo reported, in a body or framed as a stream chunk, classified into what Codex does
/// about it. MiMo's bodies come wrapped (`{"error":{…}}`) or bare (`{"type":…,"message":…}`), with
/// string codes; both shapes are read.
public struct UpstreamError: Sendable, Equatable, Error, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case contextLengthExceeded
        case insufficientQuota
        case rateLimited
        case authentication
        case contentFilter
        case invalidRequest
        /// The model refused part of the request, such as an image (404 "No endpoints found that
        /// support image input", or a 400 naming image input).
        case modelCapability
        /// The model id is not served (400 "Not supported model", a retired id).
        case modelNotServed
        case server
    }

    public var status: Int?
    public var code: String?
    public var message: String
    public var param: String?
    public var kind: Kind

    public init(status: Int?, code: String?, message: String, param: String?) {
        self.status = status
        self.code = code
        self.message = message
        self.param = param
        self.kind = Self.classify(status: status, code: code, message: message + " " + (param ?? ""))
    }

    /// Reads an error object from a body or chunk; nil when the JSON holds no error.
    public init?(json: JSONValue, status: Int?) {
        let error: JSONValue
        if let wrapped = json["error"], wrapped.objectValue != nil {
            error = wrapped
        } else if let text = json["error"]?.stringValue {
            error = ["message": .string(text)]
        } else if json["choices"] == nil, json["message"]?.stringValue != nil,
                  status.map({ $0 >= 400 }) ?? (json["type"]?.stringValue?.contains("error") ?? false) {
            error = json
        } else {
            return nil
        }
        let code: String? = error["code"]?.stringValue ?? error["code"]?.intValue.map(String.init)
        self.init(status: status ?? code.flatMap(Int.init), code: code,
                  message: error["message"]?.stringValue ?? "MiMo reported an error without a message",
                  param: error["param"]?.stringValue)
    }

    public var description: String {
        var text = message
        if let param, !param.isEmpty, param != message { text += " (\(param))" }
        return text
    }

    static func classify(status: Int?, code: String?, message: String) -> Kind {
        let lowered = message.lowercased()
        let contextMarkers = ["maximum context length", "context length", "context_length", "prompt is too long",
                              "input length", "too many tokens", "context window"]
        if contextMarkers.contains(where: lowered.contains), lowered.contains("exceed") || lowered.contains("too long")
            || lowered.contains("maximum") {
            return .contextLengthExceeded
        }
        let status = status ?? 0
        if (400..<500).contains(status), status != 429 {
            if namesUnservedModel(lowered, code: code?.lowercased()) { return .modelNotServed }
            if refusesImages(lowered, status: status) { return .modelCapability }
            if status == 421 || ["content filter", "content_filter", "sensitive content"].contains(where: lowered.contains) {
                return .contentFilter
            }
        }
        switch status {
        case 402: return .insufficientQuota
        case 429:
            return lowered.contains("insufficient") || lowered.contains("quota") && lowered.contains("exhaust")
                ? .insufficientQuota : .rateLimited
        case 401, 403: return .authentication
        case 400..<500: return .invalidRequest
        case 500...: return .server
        default: break
        }
        if lowered.contains("insufficient account funds") || lowered.contains("insufficient balance") { return .insufficientQuota }
        if lowered.contains("too many requests") || lowered.contains("rate limit") { return .rateLimited }
        return .server
    }

    /// MiMo's "Not supported model" (retired ids since 2026-10-21), and the OpenAI-style wordings of
    /// the same answer other gateways give.
    static func namesUnservedModel(_ lowered: String, code: String?) -> Bool {
        if code == "model_not_found" { return true }
        let markers = ["not supported model", "unsupported model", "model not found", "model not supported",
                       "model is not supported", "model not exist", "invalid model", "no such model"]
        return markers.contains(where: lowered.contains)
            || lowered.contains("model") && lowered.contains("does not exist")
    }

    /// MiMo's 404 "No endpoints found that support image input", or a 400 that names image input.
    static func refusesImages(_ lowered: String, status: Int) -> Bool {
        guard lowered.contains("image") else { return false }
        return status == 404 || lowered.contains("image input") || lowered.contains("image_url")
            || lowered.contains("support") && lowered.contains("image")
    }

    /// The `response.failed` error Codex acts on. Codex retries unknown codes, fails fast on the
    /// fatal ones, and retries `rate_limit_exceeded` after exactly the "try again in" delay.
    public func responseFailure(retryAfterSeconds: Double? = nil) -> ResponseFailure {
        switch kind {
        case .contextLengthExceeded:
            return ResponseFailure(code: .contextLengthExceeded, message: "MiMo: \(description)")
        case .insufficientQuota:
            return ResponseFailure(code: .insufficientQuota, message: "MiMo: \(description)")
        case .rateLimited:
            let delay = max(retryAfterSeconds ?? 5, 0.5)
            return ResponseFailure(code: .rateLimitExceeded,
                                   message: "MiMo rate limit: \(description). Please try again in \(ResponseFailure.format(delay))s.")
        case .modelNotServed:
            return ResponseFailure(code: .modelNotFound,
                                   message: "MiMo does not serve this model: \(description). `ccmimoctl models` lists the models it serves; `ccmimoctl model NAME` switches.")
        case .contentFilter:
            return ResponseFailure(code: .contentPolicyViolation, message: "MiMo's content filter refused the request: \(description)")
        case .authentication, .invalidRequest, .modelCapability:
            // Deterministic: retrying the same body gives the same answer, so make Codex stop and show it.
            return ResponseFailure(code: .invalidPrompt, message: "MiMo rejected the request: \(description)")
        case .server:
            return ResponseFailure(code: .serverError, message: "MiMo error: \(description)")
        }
    }
}

/// The `error` of a `response.failed` event.
public struct ResponseFailure: Sendable, Equatable, Error {
    public var code: CodexFailureCode
    public var message: String

    public init(code: CodexFailureCode, message: String) {
        self.code = code
        self.message = message
    }

    public static func upstreamDisconnected(_ detail: String) -> ResponseFailure {
        ResponseFailure(code: .serverError, message: "MiMo stream ended before completion: \(detail)")
    }

    static func format(_ seconds: Double) -> String {
        let rounded = (seconds * 10).rounded(.up) / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public var json: JSONValue { ["code": .string(code.rawValue), "message": .string(message)] }
}
