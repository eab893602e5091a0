import HTTPTypes
import Hummingbird
import ResponsesTranslation

/// An error as OpenAI clients expect it: `{"error":{"message","type","param","code"}}` with a
/// matching HTTP status. Codex shows the message of any 4xx to the user, so messages say what to do.
public struct OpenAIErrorResponse: Error, Sendable, Equatable {
    public var httpStatus: Int
    public var message: String
    public var type: OpenAIErrorType
    public var code: OpenAIErrorCode?
    public var param: String?
    /// Seconds for a `Retry-After` header. Codex treats a 429 without it as fatal, so every 429 has one.
    public var retryAfterSeconds: Int?

    /// An error whose code always goes with one status (`OpenAIErrorCode.fixedStatus`).
    public init(_ code: OpenAIErrorCode, message: String, param: String? = nil, retryAfterSeconds: Int? = nil) {
        assert(code.fixedStatus != nil, "\(code) has no fixed status: give the one MiMo's answer calls for")
        self.init(status: code.fixedStatus ?? 500, code: code, message: message, param: param, retryAfterSeconds: retryAfterSeconds)
    }

    /// An error whose status follows MiMo's answer, or one without a code.
    public init(status: Int, code: OpenAIErrorCode?, message: String, param: String? = nil, retryAfterSeconds: Int? = nil) {
        assert(code?.fixedStatus.map { $0 == status } ?? true, "\(String(describing: code)) always goes with another status")
        self.httpStatus = status
        self.message = message
        self.type = OpenAIErrorType(status: status)
        self.code = code
        self.param = param
        self.retryAfterSeconds = status == 429 ? max(retryAfterSeconds ?? 1, 1) : retryAfterSeconds
    }

    public var json: JSONValue {
        ["error": ["message": .string(message), "type": .string(type.rawValue), "param": param.map(JSONValue.string) ?? .null,
                   "code": code.map { .string($0.rawValue) } ?? .null]]
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
