import Hummingbird
import NIOCore
import ResponsesTranslation

/// Turns a framed reply into the HTTP answer, applying the body-level faults of the plan: a stall after
/// the head, a disconnect at a named point, an error frame, a garbage line, and the chunk delay.
struct ReplyDelivery: Sendable {
    let request: Request
    let plan: FaultPlan
    let chunkDelay: Duration
    let maxStall: Duration
    let state: SimulatorState

    func stream(_ replyFrames: [StreamFrame]) -> Response {
        var frames = replyFrames
        if let errorFrame = plan.errorFrame, errorFrame.status == 200 {
            // The stream starts normally; the error replaces everything after the reasoning, and no
            // [DONE] follows.
            frames = Array(frames.prefix(while: { $0.phase == .reasoning })) + [ChatCompletionEncoder.errorFrame(errorFrame.body)]
        }
        let cut = plan.disconnect.map { StreamFrame.cutIndex(for: $0, in: frames) }
        let delivery = self
        return Response(status: .ok, headers: Response.eventStreamHeaders, body: ResponseBody { [frames] writer in
            try await delivery.stallAfterHeadersIfPlanned()
            for (index, frame) in frames.enumerated() {
                if index == cut { throw SimulatedDisconnect() }
                if index > 0, delivery.chunkDelay > .zero { try await Task.sleep(for: delivery.chunkDelay) }
                try await writer.write(ByteBuffer(string: frame.text))
                if index == 0, delivery.plan.garbageLine { try await writer.write(ByteBuffer(string: StreamFrame.garbage.text)) }
                if index == 0, let bytes = delivery.plan.oversizedLineBytes { try await StreamFrame.writeOversizedLine(bytes: bytes, to: &writer) }
            }
            if cut == frames.count { throw SimulatedDisconnect() }
            try await writer.finish(nil)
        })
    }

    func complete(_ completion: JSONValue) -> Response {
        if let errorFrame = plan.errorFrame, errorFrame.status == 200 {
            return .json(errorFrame.body)
        }
        let bytes: [UInt8] = plan.garbageLine ? Array("{\"choices\":<<not json>>".utf8) : completion.serializedBytes()
        guard plan.disconnect != nil || plan.stallAfterHeaders != nil else {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        // A non-streamed body has no named phases: any disconnect but `headers` cuts it in half, short
        // of its Content-Length.
        let sentBytes = plan.disconnect.map { $0 == .headers ? 0 : bytes.count / 2 } ?? bytes.count
        let delivery = self
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(contentLength: bytes.count) { writer in
            try await delivery.stallAfterHeadersIfPlanned()
            if sentBytes > 0 { try await writer.write(ByteBuffer(bytes: bytes[..<sentBytes])) }
            if sentBytes < bytes.count { throw SimulatedDisconnect() }
            try await writer.finish(nil)
        })
    }

    private func stallAfterHeadersIfPlanned() async throws {
        guard let stall = plan.stallAfterHeaders else { return }
        try await Stall.hold(stall, limit: maxStall, request: request, state: state)
    }
}
