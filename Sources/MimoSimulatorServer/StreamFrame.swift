import Hummingbird
import NIOCore

/// One SSE event of a streamed reply (`data: …\n\n`), tagged with the part of the reply it carries so
/// faults can cut or interrupt the stream at a named point.
struct StreamFrame: Sendable, Equatable {
    enum Phase: Int, Sendable, Comparable {
        case reasoning, content, toolCallStart, toolArguments, finish, usage, done

        static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var phase: Phase
    var text: String

    static func data(_ payload: String, phase: Phase) -> StreamFrame {
        StreamFrame(phase: phase, text: "data: \(payload)\n\n")
    }

    /// A line no JSON parser accepts, for the `garbage_line` fault.
    static let garbage = StreamFrame(phase: .content, text: "data: {\"choices\":[{\"delta\":<<not json>>\n\n")

    /// The `oversized_line` fault: `data: {"x":"xxxx…` up to `bytes` bytes, then `\n\n`, written in
    /// 1 MiB pieces so the simulator never holds the whole line.
    static func writeOversizedLine(bytes: Int, to writer: inout any ResponseBodyWriter) async throws {
        let head = Array("data: {\"x\":\"".utf8)
        try await writer.write(ByteBuffer(bytes: head))
        var left = max(0, bytes - head.count)
        let piece = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1 << 20)
        while left > 0 {
            let size = min(left, piece.readableBytes)
            try await writer.write(piece.getSlice(at: 0, length: size)!)
            left -= size
        }
        try await writer.write(ByteBuffer(string: "\n\n"))
    }

    /// Where a disconnect fault cuts `frames`: the number of frames sent before the connection closes.
    /// A point the reply never reaches (no reasoning, no tool call) cuts just before the final chunk, so
    /// a disconnect never yields a complete stream.
    static func cutIndex(for point: DisconnectPoint, in frames: [StreamFrame]) -> Int {
        let beforeFinish = frames.firstIndex { $0.phase >= .finish } ?? frames.count
        switch point {
        case .headers:
            return 0
        case .reasoning:
            return frames.lastIndex { $0.phase == .reasoning }.map { $0 + 1 } ?? 0
        case .content:
            return frames.lastIndex { $0.phase <= .content }.map { $0 + 1 } ?? 0
        case .toolArguments:
            return frames.firstIndex { $0.phase == .toolArguments }.map { $0 + 1 } ?? beforeFinish
        case .finish:
            return frames.lastIndex { $0.phase == .finish }.map { $0 + 1 } ?? beforeFinish
        }
    }
}
