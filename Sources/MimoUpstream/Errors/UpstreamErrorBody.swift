import ResponsesTranslation

/// Reads the body of a non-2xx upstream response into an `UpstreamError`, whatever shape it has:
/// MiMo's JSON (wrapped `{"error":{…}}` or bare `{"type":…,"message":…}`), the same JSON framed as
/// `data:` events (MiMo does this on streaming requests, even with an error status), a gateway's
/// plain text or HTML page, or nothing at all (mimo-api.md §8).
///
/// The result always has a readable message, at most about `maxMessageBytes` long, with anything
/// that looks like an API key cut down to its prefix.
public enum UpstreamErrorBody {
    public static let maxMessageBytes = 2048

    public static func parse(status: Int, contentType: String?, body: [UInt8]) -> UpstreamError {
        let mediaType = contentType.map { String($0.prefix { $0 != ";" }).trimmedWhitespace.lowercased() } ?? ""
        let error: UpstreamError
        if mediaType == "text/event-stream" {
            error = fromEvents(status: status, body: body) ?? fromJSON(status: status, body: body)
                ?? fromText(status: status, mediaType: mediaType, body: body)
        } else {
            error = fromJSON(status: status, body: body) ?? fromEvents(status: status, body: body)
                ?? fromText(status: status, mediaType: mediaType, body: body)
        }
        return readable(error)
    }

    // MARK: - Shapes

    private static func fromJSON(status: Int, body: [UInt8]) -> UpstreamError? {
        guard let json = try? JSONValue.parse(body) else { return nil }
        return error(in: json, status: status)
    }

    /// JSON that parsed: MiMo's error shapes first, then other frameworks' (`detail`, `msg`), then
    /// the document itself as the message.
    private static func error(in json: JSONValue, status: Int) -> UpstreamError {
        let document = json.arrayValue?.first ?? json
        if let error = UpstreamError(json: document, status: status) { return error }
        let message = document.stringValue ?? describedMessage(in: document) ?? json.serialized()
        return UpstreamError(status: status, code: nil, message: message, param: nil)
    }

    private static func describedMessage(in json: JSONValue) -> String? {
        for key in ["detail", "msg", "message", "error_msg", "errorMessage", "error_description"] {
            if let text = json[key]?.stringValue, !text.isEmpty { return text }
        }
        // FastAPI validation errors: {"detail":[{"msg":…},…]}
        if let details = json["detail"]?.arrayValue {
            let messages = details.compactMap { $0["msg"]?.stringValue }
            if !messages.isEmpty { return messages.joined(separator: "; ") }
        }
        return nil
    }

    private static func fromEvents(status: Int, body: [UInt8]) -> UpstreamError? {
        var decoder = ServerSentEventDecoder(maxLineBytes: body.count + 1)
        guard let events = try? decoder.receive(body) + decoder.finish() else { return nil }
        var plain: [String] = []
        for event in events where !event.isDone {
            if let json = try? JSONValue.parse(event.data) {
                return error(in: json, status: status)
            }
            if !event.data.trimmedWhitespace.isEmpty { plain.append(event.data.trimmedWhitespace) }
        }
        guard !plain.isEmpty else { return nil }
        return UpstreamError(status: status, code: nil, message: plain.joined(separator: "\n"), param: nil)
    }

    private static func fromText(status: Int, mediaType: String, body: [UInt8]) -> UpstreamError {
        var text = String(decoding: body, as: UTF8.self).trimmedWhitespace
        if mediaType.contains("html") || text.hasPrefix("<") {
            text = HTMLText.summary(of: text)
        }
        if text.isEmpty {
            text = "MiMo answered HTTP \(status)\(reasonPhrase(status).map { " (\($0))" } ?? "") with an empty body"
        }
        return UpstreamError(status: status, code: nil, message: text, param: nil)
    }

    // MARK: - Presentation

    /// Classification (`kind`) was made on the full text; only what is shown is shortened.
    private static func readable(_ error: UpstreamError) -> UpstreamError {
        var error = error
        error.message = truncated(SecretRedaction.redacting(error.message))
        error.param = error.param.map { truncated(SecretRedaction.redacting($0)) }
        return error
    }

    static func truncated(_ text: String) -> String {
        guard text.utf8.count > maxMessageBytes else { return text }
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf8.count
            if kept + width > maxMessageBytes - 3 { break }
            kept += width
            end = text.index(after: index)
        }
        return String(text[..<end]) + "…"
    }

    private static func reasonPhrase(_ status: Int) -> String? {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 421: "Misdirected Request"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: nil
        }
    }
}
