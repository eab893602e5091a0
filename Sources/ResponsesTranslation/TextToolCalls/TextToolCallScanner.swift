/// Separates visible text from tool calls that MiMo writes into `content` as markup, one content delta
/// at a time (peer-lessons.md §5).
///
/// Text is released as soon as it cannot be part of an envelope: a `<` is held only while the bytes
/// after it still spell the beginning of a recognised opening tag, and a confirmed envelope is held
/// until it closes, then released as `.call`s, or as its raw text if it is not clearly a call. The
/// result does not depend on how the content was split into deltas, and work stays linear in the
/// content's length: a held envelope is searched for its closing tag only from where the last search
/// stopped.
public struct TextToolCallScanner: Sendable {
    /// An envelope that has not closed after this many bytes is released as text: an unbounded hold
    /// would both hide the answer and let one response pin arbitrary memory.
    static let defaultHoldLimit = 1 << 20

    private enum State: Sendable, Equatable {
        /// Nothing held.
        case passingText
        /// `pending` starts with a `<` whose following bytes may still become an opening tag.
        case matchingOpeningTag
        /// `pending` starts with a confirmed opening tag; the closing tag is searched from `closeSearchFrom`.
        case insideEnvelope(ToolCallEnvelopeKind, closeSearchFrom: Int)
    }

    private let parser: TextToolCallParser
    private let holdLimit: Int
    /// Held bytes; in UTF-8 so that cutting at ASCII `<`/`>` never splits a character's encoding.
    private var pending: [UInt8] = []
    private var state = State.passingText

    /// `tools`: the tool names offered to the model → their JSON Schema `parameters` object (may be
    /// .null/absent → treat as no schema).
    public init(tools: [String: JSONValue]) {
        self.init(tools: tools, holdLimit: Self.defaultHoldLimit)
    }

    /// `holdLimit` is adjustable so tests can reach the limit without megabytes of input.
    init(tools: [String: JSONValue], holdLimit: Int) {
        parser = TextToolCallParser(tools: tools)
        self.holdLimit = max(holdLimit, 1)
    }

    /// True while text is being held back because a tag may be opening or an envelope is open.
    public var isHolding: Bool { state != .passingText }

    /// Feed the next content delta; returns what can be released now, in order.
    public mutating func receive(_ text: String) -> [TextSegment] {
        if state == .passingText {
            if text.isEmpty { return [] }
            // The common case: prose or code without `<`, or no tools to call at all.
            if parser.isEmpty || !Self.containsLessThan(text) { return [.text(text)] }
        }
        pending.append(contentsOf: text.utf8)
        return drain(atEnd: false)
    }

    /// End of content: release everything still held (parsing a trailing unclosed envelope if it is a
    /// valid call, else releasing it as raw text).
    public mutating func finish() -> [TextSegment] {
        let segments = drain(atEnd: true)
        pending = []
        state = .passingText
        return segments
    }

    /// Walks `pending`, releasing text and calls, and keeps only what must still be held.
    private mutating func drain(atEnd: Bool) -> [TextSegment] {
        var segments: [TextSegment] = []
        let count = pending.count
        // Text not yet released starts at `textStart`; runs are merged until a call or the hold point.
        var textStart = 0
        // Scan position; while matching a tag or inside an envelope it is where the held part starts.
        var position = 0

        scanning: while true {
            switch state {
            case .passingText:
                guard let lt = ToolCallEnvelopeTags.firstIndex(of: UInt8(ascii: "<"), in: pending, from: position, end: count)
                else {
                    position = count
                    break scanning
                }
                position = lt
                state = .matchingOpeningTag

            case .matchingOpeningTag:
                switch ToolCallEnvelopeTags.matchOpening(pending, at: position, end: count) {
                case .partial:
                    if !atEnd { break scanning }
                    state = .passingText
                    position += 1
                case .mismatch:
                    state = .passingText
                    position += 1
                case .complete(let kind, let tagEnd):
                    if kind == .invoke, !parser.invokeTagNamesOfferedTool(pending, from: position, to: tagEnd) {
                        // Prose about `<invoke name="x">` (or a call to a tool we did not offer) would be
                        // released unchanged anyway; don't hide the rest of the answer behind it.
                        state = .passingText
                        position = tagEnd
                    } else {
                        state = .insideEnvelope(kind, closeSearchFrom: tagEnd)
                    }
                }

            case .insideEnvelope(let kind, let searchFrom):
                // Closing tags past the limit are not looked for, so where an envelope ends, or overflows,
                // depends only on the content, never on how it was split into deltas.
                let searchEnd = min(count, position + holdLimit)
                switch ToolCallEnvelopeTags.findClosing(kind.tagName, in: pending, from: searchFrom, end: searchEnd) {
                case .found(_, let closeEnd):
                    release(envelope: position..<closeEnd, textStart: &textStart, into: &segments)
                    position = closeEnd
                    state = .passingText
                case .notFound(let resumeAt):
                    if count - position > holdLimit {
                        // Give up on this envelope: its bytes so far become text, and scanning resumes at
                        // the next whole character.
                        var cut = position + holdLimit
                        while cut < count, pending[cut] & 0xC0 == 0x80 { cut += 1 }
                        position = cut
                        state = .passingText
                    } else if atEnd {
                        release(envelope: position..<count, textStart: &textStart, into: &segments)
                        position = count
                        state = .passingText
                    } else {
                        state = .insideEnvelope(kind, closeSearchFrom: resumeAt)
                        break scanning
                    }
                }
            }
        }

        let holdFrom = state == .passingText ? count : position
        if textStart < holdFrom {
            segments.append(.text(String(decoding: pending[textStart..<holdFrom], as: UTF8.self)))
        }
        if holdFrom == count {
            pending.removeAll(keepingCapacity: pending.capacity <= 4096)
        } else if holdFrom > 0 {
            pending.removeFirst(holdFrom)
            if case .insideEnvelope(let kind, let searchFrom) = state {
                state = .insideEnvelope(kind, closeSearchFrom: searchFrom - holdFrom)
            }
        }
        return segments
    }

    /// Emits the envelope's calls, or leaves its bytes in the current text run when it is not clearly a call.
    private func release(envelope: Range<Int>, textStart: inout Int, into segments: inout [TextSegment]) {
        guard let calls = parser.parse(Array(pending[envelope])) else { return }
        if textStart < envelope.lowerBound {
            segments.append(.text(String(decoding: pending[textStart..<envelope.lowerBound], as: UTF8.self)))
        }
        for call in calls { segments.append(.call(call)) }
        textStart = envelope.upperBound
    }

    private static func containsLessThan(_ text: String) -> Bool {
        let lessThan = UInt8(ascii: "<")
        if let found = text.utf8.withContiguousStorageIfAvailable({ $0.contains(lessThan) }) { return found }
        return text.utf8.contains(lessThan)
    }
}
