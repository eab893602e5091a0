import HTTPTypes
import Hummingbird
import NIOCore
import ResponsesTranslation

extension Response {
    /// A complete JSON answer.
    static func json(_ value: JSONValue, status: Int = 200, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.serializedBytes())))
    }

    /// An error answer, as JSON or (for MiMo's SSE-framed errors) as one `data:` frame.
    static func error(_ answer: FaultPlan.ErrorAnswer, sseFramed: Bool) -> Response {
        var headers: HTTPFields = [:]
        if let retryAfter = answer.retryAfter { headers[.retryAfter] = retryAfter }
        guard sseFramed else { return .json(answer.body, status: answer.status, headers: headers) }
        headers[.contentType] = "text/event-stream"
        let frame = ChatCompletionEncoder.errorFrame(answer.body)
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: frame.text)))
    }

    static let eventStreamHeaders: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
}
