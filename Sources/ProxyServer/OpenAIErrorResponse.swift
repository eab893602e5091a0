import HTTPTypes
import Hummingbird
import ResponsesTranslation

/// An error as OpenAI clients expect it: `{"error":{"message","type","param","code"}}` with a
/// matching HTTP status. Codex shows the message of any 4xx to the user, so messages say what to do.
public struct OpenAIErrorResponse: Error, Sendable, Equatable {
    public var httpStatus: Int
    public var message: String
    public var type: String
    public var code: String?
    public var param: String?
    /// Seconds for a `Retry-After` header. Codex treats a 429 without it as fatal, so every 429 has one.
    public var retryAfterSeconds: Int?

    public init(status: Int, message: String, type: String? = nil, code: String? = nil, param: String? = nil,
                retryAfterSeconds: Int? = nil) {
        self.httpStatus = status
        self.message = message
        self.type = type ?? Self.defaultType(status)
        self.code = code
        self.param = param
        self.retryAfterSeconds = status == 429 ? max(retryAfterSeconds ?? 1, 1) : retryAfterSeconds
    }

    static func defaultType(_ status: Int) -> String {
        switch status {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413, 415, 400, 422: "invalid_request_error"
        case 429: "rate_limit_error"
        default: status >= 500 ? "server_error" : "invalid_request_error"
        }
    }

    public var json: JSONValue {
        ["error": ["message": .string(message), "type": .string(type), "param": param.map(JSONValue.string) ?? .null,
                   "code": code.map(JSONValue.string) ?? .null]]
    }

    public func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        let bytes = json.serializedBytes()
        return Response(status: self.status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension OpenAIErrorResponse: HTTPResponseError {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: httpStatus) }

    public func response(from request: Request, context: some RequestContext) throws -> Response { response() }
}
