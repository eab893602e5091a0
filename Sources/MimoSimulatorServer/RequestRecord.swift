import ResponsesTranslation

/// One chat request as `GET /__sim/requests` shows it: the body plus the facts a test checks about
/// the headers (which auth header, which key plan), never the key itself.
struct RequestRecord: Sendable {
    var path: String
    var authentication: MimoAuthentication
    /// The parsed body, or the raw text when it is not JSON.
    var body: JSONValue
    /// The `usage` object the reply carried (nil for error answers and streams without usage), so
    /// tests can add up what the bridge should have counted.
    var usage: JSONValue?

    func json(status: Int) -> JSONValue {
        [
            "path": .string(path),
            "model": body["model"]?.stringValue.map(JSONValue.string) ?? .null,
            "stream": body["stream"]?.boolValue.map(JSONValue.bool) ?? .null,
            "auth_header": authentication.headerName.map(JSONValue.string) ?? .null,
            "key": authentication.key.map { .string(SecretRedaction.placeholder(for: $0)) } ?? .null,
            "status": .int(status),
            "usage": usage ?? .null,
            "body": body,
        ]
    }
}
