import HTTPTypes
import Hummingbird
import NIOCore
import ResponsesTranslation

/// How answers are framed: SSE events in one buffer per write, SSE headers, JSON bodies.
enum ResponseEncoding {
    static func sse(_ events: [SequencedEvent]) -> ByteBuffer {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * 160)
        for event in events { event.writeSSE(into: &bytes) }
        return ByteBuffer(bytes: bytes)
    }

    static let sseHeaders: HTTPFields = [
        .contentType: "text/event-stream; charset=utf-8",
        .cacheControl: "no-cache",
        HTTPField.Name("X-Accel-Buffering")!: "no",
    ]

    static func sseResponse(body: ResponseBody) -> Response {
        Response(status: .ok, headers: sseHeaders, body: body)
    }

    static func sseResponse(bytes: ByteBuffer) -> Response {
        Response(status: .ok, headers: sseHeaders, body: ResponseBody(byteBuffer: bytes))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serializedBytes())))
    }
}
