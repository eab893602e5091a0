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
        case modelCapability
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
        switch status ?? 0 {
        case 402: return .insufficientQuota
        case 429:
            return lowered.contains("insufficient") || lowered.contains("quota") && lowered.contains("exhaust")
                ? .insufficientQuota : .rateLimited
        case 401, 403: return .authentication
        case 404 where lowered.contains("image"): return .modelCapability
        case 421: return .contentFilter
        case 400..<500: return .invalidRequest
        case 500...: return .server
        default: break
        }
        if lowered.contains("insufficient account funds") || lowered.contains("insufficient balance") { return .insufficientQuota }
        if lowered.contains("too many requests") || lowered.contains("rate limit") { return .rateLimited }
        return .server
    }

    /// The `response.failed` error Codex acts on. Codex retries unknown codes, fails fast on the
    /// fatal ones, and retries `rate_limit_exceeded` after exactly the "try again in" delay.
    public func responseFailure(retryAfterSeconds: Double? = nil) -> ResponseFailure {
        switch kind {
        case .contextLengthExceeded:
            return ResponseFailure(code: "context_length_exceeded", message: "MiMo: \(description)")
        case .insufficientQuota:
            return ResponseFailure(code: "insufficient_quota", message: "MiMo: \(description)")
        case .rateLimited:
            let delay = max(retryAfterSeconds ?? 5, 0.5)
            return ResponseFailure(code: "rate_limit_exceeded",
                                   message: "MiMo rate limit: \(description). Please try again in \(ResponseFailure.format(delay))s.")
        case .authentication, .invalidRequest, .contentFilter, .modelCapability:
            // Deterministic: retrying the same body gives the same answer, so make Codex stop and show it.
            return ResponseFailure(code: "invalid_prompt", message: "MiMo rejected the request: \(description)")
        case .server:
            return ResponseFailure(code: "server_error", message: "MiMo error: \(description)")
        }
    }
}

/// The `error` of a `response.failed` event.
public struct ResponseFailure: Sendable, Equatable, Error {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public static func upstreamDisconnected(_ detail: String) -> ResponseFailure {
        ResponseFailure(code: "server_error", message: "MiMo stream ended before completion: \(detail)")
    }

    static func format(_ seconds: Double) -> String {
        let rounded = (seconds * 10).rounded(.up) / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public var json: JSONValue { ["code": .string(code), "message": .string(message)] }
}
