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
        }
    }
}
