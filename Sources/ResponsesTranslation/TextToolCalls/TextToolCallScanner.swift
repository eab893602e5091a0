/// Separates visible text from tool calls that MiMo writes into `content` as markup, one content delta
/// at a time (peer-lessons.md §5; the shapes are listed on `ToolCallEnvelopeKind`).
///
/// Text is released as soon as it cannot be part of an envelope: a `<` is held only while the bytes
/// after it still spell the beginning of a recognised tag, and a confirmed envelope is held until
/// `EnvelopeEndFinder` says where it ends, then released as `.call`s, or as its raw text if it is not
/// clearly a call. Around the envelopes:
/// - closing tags of the envelope vocabulary (`</tool_call>`, `</function>`, `</parameter>`, …) are
///   leftovers of MiMo's markup, and dropped, when only whitespace separates them from a recovered call
///   before them, or from the end of the content after them if no opening tag of that name was shown
///   as text; anywhere else they are prose;
/// - a bare V4A patch is a call to the freeform `apply_patch` tool only when that tool was offered, the
///   patch starts a line with `*** Begin Patch`, holds at least one `*** Add|Update|Delete File:` line,
///   ends with an `*** End Patch` line, and only whitespace follows it to the end of the content. A
///   patch shown in prose is followed by more prose, or by the fence that closes its code block, and
///   stays text.
///
/// The result does not depend on how the content was split into deltas, and work stays linear in the
/// content's length: a held envelope is searched only from where the last search stopped.
public struct TextToolCallScanner: Sendable {
    /// An envelope that has not closed after this many bytes is released as text: an unbounded hold
    /// would both hide the answer and let one response pin arbitrary memory.
    static let defaultHoldLimit = 1 << 20

    private enum State: Sendable, Equatable {
        /// Nothing held.
        case passingText
        /// `pending[position]` is a `<`, or a `*` starting a line, whose following bytes may still open an
        /// envelope or spell a closing tag.
        case matchingTag
        /// `pending[position]` starts an envelope whose end `finder` is looking for.
        case insideEnvelope(EnvelopeEndFinder)
        /// `pending[position..<scanFrom]` is closing tags and whitespace, dropped if the content ends there.
        case closingTagRun(scanFrom: Int)
        /// Right after a recovered call: closing tags that follow it are its envelope's leftovers.
        case afterCall
    }

    private let parser: TextToolCallParser
    private let holdLimit: Int
    /// Held bytes; in UTF-8 so that cutting at ASCII `<`/`>` never splits a character's encoding.
    private var pending: [UInt8] = []
    private var state = State.passingText
    /// Whether the content byte before `pending[0]` ends a line (true at the start): a bare patch must
    /// start a line.
    private var atLineStart = true
    /// The tag names (bits by index in `EnvelopeTagName.closingVocabulary`) whose opening tag was
    /// released as text: a closing tag of such a name at the end of the content closes what the reader
    /// saw, and stays.
    private var namesOpenedInText: UInt8 = 0

    /// `tools`: the tool names offered to the model → their JSON Schema `parameters` object (may be
    /// .null/absent → treat as no schema). `freeformTools`: those of them that stand for a freeform
    /// tool taking one raw string, `input` (Codex's `apply_patch`).
    public init(tools: [String: JSONValue], freeformTools: Set<String> = []) {
        self.init(tools: tools, freeformTools: freeformTools, holdLimit: Self.defaultHoldLimit)
    }

    /// `holdLimit` is adjustable so tests can reach the limit without megabytes of input.
    init(tools: [String: JSONValue], freeformTools: Set<String> = [], holdLimit: Int) {
        parser = TextToolCallParser(tools: tools, freeformTools: freeformTools)
        self.holdLimit = max(holdLimit, 1)
    }

    /// True while text is being held back because it may be markup.
    public var isHolding: Bool { !pending.isEmpty }

    /// Feed the next content delta; returns what can be released now, in order.
    public mutating func receive(_ text: String) -> [TextSegment] {
        if state == .passingText {
            if text.isEmpty { return [] }
            // The common case: prose or code with nothing that may start markup, or no tools to call.
            if parser.isEmpty { return [.text(text)] }
            if passesWithoutMarkup(text) { return [.text(text)] }
        }
        pending.append(contentsOf: text.utf8)
        return drain(atEnd: false)
    }

    /// End of content: release everything still held (parsing a trailing unclosed envelope if it is a
    /// valid call, else releasing it as raw text; dropping trailing leftover closing tags).
    public mutating func finish() -> [TextSegment] {
        let segments = drain(atEnd: true)
        pending = []
        state = .passingText
        atLineStart = true
        namesOpenedInText = 0
        return segments
    }

    /// Walks `pending`, releasing text and calls, and keeps only what must still be held.
    private mutating func drain(atEnd: Bool) -> [TextSegment] {
        var segments: [TextSegment] = []
        let count = pending.count
        // Text not yet released starts at `textStart`; runs are merged until a call or the hold point.
        var textStart = 0
        // Scan position; in the other states it is where the held part starts.
        var position = 0

        scanning: while true {
            switch state {
            case .passingText:
                guard let candidate = nextPossibleMarkup(from: position, end: count) else {
                    position = count
                    break scanning
                }
                position = candidate
                state = .matchingTag

            case .matchingTag:
                switch matchTag(at: position, end: count, atEnd: atEnd) {
                case .partial:
                    if !atEnd { break scanning }
                    state = .passingText
                    position += 1
                case .mismatch:
                    state = .passingText
                    position += 1
                case .prose(let name, let tagEnd):
                    // Prose about `<invoke name="x">` (or a call to a tool we did not offer) would be
                    // released unchanged anyway; don't hide the rest of the answer behind it.
                    markOpenedInText(name)
                    state = .passingText
                    position = tagEnd
                case .opening(let kind, let openEnd, let acceptsRawBody):
                    state = .insideEnvelope(EnvelopeEndFinder(kind: kind, openEnd: openEnd, acceptsRawBody: acceptsRawBody))
                case .closing(let tagEnd):
                    state = .closingTagRun(scanFrom: tagEnd)
                }

            case .insideEnvelope(var finder):
                // Bytes past the limit are not looked at, so where an envelope ends, or overflows, depends
                // only on the content, never on how it was split into deltas.
                let searchEnd = min(count, position + holdLimit)
                switch finder.advance(in: pending, end: searchEnd, contentEnds: atEnd && searchEnd == count, parser: parser) {
                case .needMore:
                    if count - position > holdLimit {
                        // Give up on this envelope: its bytes so far become text, and scanning resumes at
                        // the next whole character.
                        position = wholeCharacter(from: position + holdLimit, end: count)
                        markOpenedInText(finder.kind.openingTag)
                        state = .passingText
                    } else {
                        state = .insideEnvelope(finder)
                        break scanning
                    }
                case .notAnEnvelope(let resumeAt):
                    markOpenedInText(finder.kind.openingTag)
                    position = resumeAt
                    state = .passingText
                case .prose(let resumeAt):
                    position = resumeAt
                    state = .passingText
                case .ended(let bodyEnd, let end):
                    let recovered = release(envelope: position..<end, finder: finder, bodyEnd: bodyEnd,
                                            textStart: &textStart, into: &segments)
                    if !recovered { markOpenedInText(finder.kind.openingTag) }
                    position = end
                    state = recovered ? .afterCall : .passingText
                }

            case .closingTagRun(let scanFrom):
                let searchEnd = min(count, position + holdLimit)
                let i = ToolCallEnvelopeTags.skipWhitespace(pending, from: scanFrom, end: searchEnd)
                if i == count, atEnd {
                    // The content ends in closing tags: the leftovers go, the whitespace between stays.
                    emitText(from: textStart, to: position, into: &segments)
                    emitDroppingLeftovers(of: position..<count, into: &segments)
                    textStart = count
                    position = count
                    state = .passingText
                    continue scanning
                }
                if i == count {
                    state = .closingTagRun(scanFrom: i)
                    break scanning
                }
                if i < searchEnd, pending[i] == UInt8(ascii: "<") {
                    switch matchClosingTag(at: i, end: searchEnd) {
                    case .complete(_, let tagEnd):
                        state = .closingTagRun(scanFrom: tagEnd)
                        continue scanning
                    case .partial where searchEnd == count && !atEnd:
                        state = .closingTagRun(scanFrom: i)
                        break scanning
                    case .partial, .mismatch:
                        break
                    }
                }
                // Text follows (or the run outgrew the hold limit): the tags were prose.
                position = i
                state = .passingText

            case .afterCall:
                let i = ToolCallEnvelopeTags.skipWhitespace(pending, from: position, end: count)
                guard i < count else {
                    position = count
                    break scanning
                }
                guard pending[i] == UInt8(ascii: "<") else {
                    position = i
                    state = .passingText
                    continue scanning
                }
                switch matchClosingTag(at: i, end: count) {
                case .complete(_, let tagEnd):
                    emitText(from: textStart, to: i, into: &segments)
                    textStart = tagEnd
                    position = tagEnd
                case .partial where !atEnd:
                    position = i
                    break scanning
                case .partial, .mismatch:
                    position = i
                    state = .passingText
                }
            }
        }

        // Whatever the state, the held part (if any) starts at `position`.
        let holdFrom = position
        emitText(from: textStart, to: holdFrom, into: &segments)
        if holdFrom > 0 { atLineStart = pending[holdFrom - 1] == 0x0A }
        if holdFrom == count {
            pending.removeAll(keepingCapacity: pending.capacity <= 4096)
        } else if holdFrom > 0 {
            pending.removeFirst(holdFrom)
            switch state {
            case .insideEnvelope(var finder):
                finder.shift(by: holdFrom)
                state = .insideEnvelope(finder)
            case .closingTagRun(let scanFrom):
                state = .closingTagRun(scanFrom: scanFrom - holdFrom)
            case .passingText, .matchingTag, .afterCall:
                break
            }
        }
        return segments
    }

    // MARK: - Tags

    private enum TagStart {
        case partial
        case mismatch
        /// A whole opening tag that cannot open a call: a bare call to a tool that was not offered, or a
        /// parameter outside any call.
        case prose(EnvelopeTagName, tagEnd: Int)
        case opening(ToolCallEnvelopeKind, openEnd: Int, acceptsRawBody: Bool)
        case closing(tagEnd: Int)
    }

    /// What starts at `position`, a `<` or a `*` at a line start.
    private func matchTag(at position: Int, end: Int, atEnd: Bool) -> TagStart {
        if pending[position] == UInt8(ascii: "*") {
            switch ApplyPatchBody.matchLine(ApplyPatchBody.beginLine, in: pending, at: position, end: end, contentEnds: atEnd) {
            case .partial: return .partial
            case .mismatch: return .mismatch
            case .complete(let lineEnd): return .opening(.patch, openEnd: lineEnd, acceptsRawBody: false)
            }
        }
        guard position + 1 < end else { return .partial }
        if pending[position + 1] == UInt8(ascii: "/") {
            switch matchClosingTag(at: position, end: end) {
            case .partial: return .partial
            case .mismatch: return .mismatch
            case .complete(_, let tagEnd): return .closing(tagEnd: tagEnd)
            }
        }
        switch ToolCallEnvelopeTags.matchOpening(pending, at: position, end: end) {
        case .partial:
            return .partial
        case .complete(let kind, let tagEnd):
            guard kind.isBare else { return .opening(kind, openEnd: tagEnd, acceptsRawBody: false) }
            guard let tool = parser.calledTool(pending, from: position, to: tagEnd) else { return .prose(kind.openingTag!, tagEnd: tagEnd) }
            return .opening(kind, openEnd: tagEnd, acceptsRawBody: parser.isFreeform(tool))
        case .mismatch:
            // Noted only so that a later `</parameter>` is known to close something shown.
            switch ToolCallEnvelopeTags.matchTag(pending, at: position, end: end, closing: false, names: [.parameter]) {
            case .partial: return .partial
            case .mismatch: return .mismatch
            case .complete(_, let tagEnd): return .prose(.parameter, tagEnd: tagEnd)
            }
        }
    }

    /// A closing tag of the envelope vocabulary at `position`; its `nameIndex` is in `closingVocabulary`.
    private func matchClosingTag(at position: Int, end: Int) -> ToolCallEnvelopeTags.TagMatch {
        ToolCallEnvelopeTags.matchTag(pending, at: position, end: end, closing: true, names: EnvelopeTagName.closingVocabulary)
    }

    private mutating func markOpenedInText(_ name: EnvelopeTagName?) {
        guard let name, let index = EnvelopeTagName.closingVocabulary.firstIndex(of: name) else { return }
        namesOpenedInText |= 1 << index
    }

    // MARK: - Releasing

    /// Emits the envelope's calls, or leaves its bytes in the current text run when it is not clearly a
    /// call. Returns whether calls were emitted.
    private func release(envelope: Range<Int>, finder: EnvelopeEndFinder, bodyEnd: Int,
                         textStart: inout Int, into segments: inout [TextSegment]) -> Bool {
        let base = envelope.lowerBound
        guard let calls = parser.parse(Array(pending[envelope]), kind: finder.kind, openEnd: finder.openEnd - base,
                                       bodyEnd: bodyEnd - base)
        else { return false }
        emitText(from: textStart, to: base, into: &segments)
        for call in calls { segments.append(.call(call)) }
        textStart = envelope.upperBound
        return true
    }

    private func emitText(from start: Int, to end: Int, into segments: inout [TextSegment]) {
        guard start < end else { return }
        segments.append(.text(String(decoding: pending[start..<end], as: UTF8.self)))
    }

    /// A run of closing tags and whitespace at the end of the content, without the tags that close
    /// nothing shown.
    private func emitDroppingLeftovers(of run: Range<Int>, into segments: inout [TextSegment]) {
        var kept = run.lowerBound
        var i = run.lowerBound
        while true {
            i = ToolCallEnvelopeTags.skipWhitespace(pending, from: i, end: run.upperBound)
            guard i < run.upperBound, case .complete(let index, let tagEnd) = matchClosingTag(at: i, end: run.upperBound)
            else { break }
            if namesOpenedInText & (1 << index) == 0 {
                emitText(from: kept, to: i, into: &segments)
                kept = tagEnd
            }
            i = tagEnd
        }
        emitText(from: kept, to: run.upperBound, into: &segments)
    }

    /// `index`, moved forward to the start of a character.
    private func wholeCharacter(from index: Int, end: Int) -> Int {
        var cut = index
        while cut < end, pending[cut] & 0xC0 == 0x80 { cut += 1 }
        return cut
    }

    // MARK: - Finding possible markup

    /// The first `<`, or `*` starting a line when bare patches are recognised, in `from..<end`.
    private func nextPossibleMarkup(from: Int, end: Int) -> Int? {
        guard from < end else { return nil }
        let patches = parser.recognisesPatches
        let lineStart = from == 0 ? atLineStart : pending[from - 1] == 0x0A
        return pending.withUnsafeBufferPointer { buffer in
            Self.firstPossibleMarkup(in: UnsafeBufferPointer(rebasing: buffer[from..<end]), lineStart: lineStart, patches: patches)
                .map { $0 + from }
        }
    }

    /// Whether `text` holds nothing that may start markup, so that it can pass as it is; keeps
    /// `atLineStart` up to date when it does. Every content delta without `<` comes here.
    private mutating func passesWithoutMarkup(_ text: String) -> Bool {
        let patches = parser.recognisesPatches
        let lineStart = atLineStart
        // Most deltas hold neither `<` nor `*`: two plain searches settle them.
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) -> (passes: Bool, endsLine: Bool) in
            guard !bytes.contains(UInt8(ascii: "<")) else { return (false, false) }
            guard patches else { return (true, false) }
            let passes = !bytes.contains(UInt8(ascii: "*"))
                || Self.firstPossibleMarkup(in: bytes, lineStart: lineStart, patches: true) == nil
            return (passes, bytes.last == 0x0A)
        }
        let result = text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
        if result.passes, patches { atLineStart = result.endsLine }
        return result.passes
    }

    private static func firstPossibleMarkup(in bytes: UnsafeBufferPointer<UInt8>, lineStart: Bool, patches: Bool) -> Int? {
        let lessThan = UInt8(ascii: "<")
        guard patches else { return bytes.firstIndex(of: lessThan) }
        var atLineStart = lineStart
        for i in bytes.indices {
            let b = bytes[i]
            if b == lessThan || (atLineStart && b == UInt8(ascii: "*")) { return i }
            atLineStart = b == 0x0A
        }
        return nil
    }
}
