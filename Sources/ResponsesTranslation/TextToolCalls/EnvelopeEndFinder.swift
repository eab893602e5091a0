/// Finds where a text-form tool-call envelope ends, as its bytes stream in, in work linear in its
/// length: each `advance` resumes where the last one stopped. The scanner holds the envelope until
/// this decides; the parser then reads exactly the bytes it was given.
///
/// MiMo's envelopes are often incomplete, so the end is more than "the closing tag":
/// - a parameter value (where a parameter may stand: after a call's opening tag or another value)
///   and a JSON body are skipped whole, so a value that mentions `</tool_call>` (a patch, a heredoc)
///   does not end the envelope early;
/// - a wrapper whose closer never comes ends after its last call when text follows that call
///   (`<tool_call><function=…>…</function>` then prose), or after the last parameter when even the
///   call's own closer is missing;
/// - a bare call (`<function=…>` or `<invoke …>` without its wrapper) ends at its own closer or at
///   the missing wrapper's;
/// - a bare patch ends at its `*** End Patch` line, and counts only if nothing but whitespace follows
///   it to the end of the content.
struct EnvelopeEndFinder: Sendable, Equatable {
    enum Outcome: Equatable {
        /// Undecided until more content arrives (never returned once the content has ended).
        case needMore
        /// The opening tag is not followed by a call (prose such as "the <tool_call> tag"): it is text,
        /// and scanning resumes at `resumeAt`.
        case notAnEnvelope(resumeAt: Int)
        /// The envelope runs from its opening to `end`; its calls end at `bodyEnd` (before a wrapper's
        /// closing tag).
        case ended(bodyEnd: Int, end: Int)
        /// A bare patch followed by more text: prose that shows a patch. It is text up to `resumeAt`.
        case prose(resumeAt: Int)
    }

    private enum Phase: Sendable, Equatable {
        /// Right after the opening tag: the first byte that is not whitespace says whether a call follows.
        case expectingCall
        /// Looking for the next tag.
        case markup
        /// After a call's opening tag or a parameter value: a parameter, a JSON object, or anything else.
        case arguments
        /// Inside a parameter value, looking for `</parameter>`.
        case value
        /// Inside a freeform tool's raw input, looking for the `</parameter>` that ends it.
        case rawInput
        /// After a `</parameter>` that may end a raw input at `inputEnd`: it does if markup follows.
        case afterRawInput(inputEnd: Int)
        /// Inside a JSON value, `depth` brackets deep; a `<` outside its strings means it was malformed.
        case json(depth: Int, inString: Bool, escaped: Bool)
        /// After a parameter value that ended at `valueEnd`.
        case afterValue(valueEnd: Int)
        /// After a call inside a wrapper that ended at `callEnd`.
        case afterCall(callEnd: Int)
        /// Inside a bare patch, `atLineStart` when `position` starts a line.
        case patchLine(atLineStart: Bool)
        /// After a bare patch's end line, which ends at `patchEnd`.
        case afterPatch(patchEnd: Int)
    }

    let kind: ToolCallEnvelopeKind
    /// Where the opening tag (or line) ends.
    private(set) var openEnd: Int
    /// A freeform tool's input may follow a bare `<function=NAME>` as raw text (opencodex#5499).
    private let acceptsRawBody: Bool
    private var phase: Phase
    /// Where the next `advance` resumes.
    private var position: Int

    init(kind: ToolCallEnvelopeKind, openEnd: Int, acceptsRawBody: Bool = false) {
        self.kind = kind
        self.openEnd = openEnd
        self.acceptsRawBody = acceptsRawBody
        phase = kind == .patch ? .patchLine(atLineStart: true) : .expectingCall
        position = openEnd
    }

    /// The buffer lost `offset` bytes from its front.
    mutating func shift(by offset: Int) {
        openEnd -= offset
        position -= offset
        switch phase {
        case .afterValue(let valueEnd): phase = .afterValue(valueEnd: valueEnd - offset)
        case .afterCall(let callEnd): phase = .afterCall(callEnd: callEnd - offset)
        case .afterPatch(let patchEnd): phase = .afterPatch(patchEnd: patchEnd - offset)
        case .afterRawInput(let inputEnd): phase = .afterRawInput(inputEnd: inputEnd - offset)
        case .expectingCall, .markup, .arguments, .value, .rawInput, .json, .patchLine: break
        }
    }

    /// Looks at `bytes[..<end]`; `contentEnds` says that nothing comes after `end`. `parser` says which
    /// calls are to freeform tools, whose raw input holds no markup of ours.
    mutating func advance(in bytes: [UInt8], end: Int, contentEnds: Bool, parser: TextToolCallParser) -> Outcome {
        // Undecided at the end of the content: everything left belongs to the envelope, and the parser
        // says whether it is a call.
        let undecided: Outcome = contentEnds ? .ended(bodyEnd: end, end: end) : .needMore
        // An opening longer than the caller lets it look is never decided (the scanner's hold limit).
        guard position <= end else { return .needMore }
        while true {
            switch phase {
            case .expectingCall:
                let i = ToolCallEnvelopeTags.skipWhitespace(bytes, from: position, end: end)
                position = i
                if i == end { return undecided }
                // Calls or JSON follow a wrapper's opener, and a bare call's own tag is followed by its
                // arguments (or a freeform tool's raw input); anything else is prose that names the tag.
                let b = bytes[i]
                if acceptsRawBody {
                    phase = .rawInput
                } else if b == UInt8(ascii: "{") || (b == UInt8(ascii: "[") && !kind.isBare) {
                    phase = .json(depth: 0, inString: false, escaped: false)
                } else if b == UInt8(ascii: "<") && !kind.isBare {
                    phase = .markup
                } else if b == UInt8(ascii: "<") {
                    switch ToolCallEnvelopeTags.matchTag(bytes, at: i, end: end, closing: false, names: [.parameter]) {
                    case .partial: return undecided
                    case .mismatch: return .notAnEnvelope(resumeAt: openEnd)
                    case .complete: phase = .arguments
                    }
                } else {
                    return .notAnEnvelope(resumeAt: openEnd)
                }

            case .markup:
                guard let lt = ToolCallEnvelopeTags.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: position, end: end) else {
                    position = max(position, end)
                    return undecided
                }
                switch examineTag(bytes, at: lt, end: end) {
                case .partial:
                    position = lt
                    return undecided
                case .other:
                    position = lt + 1
                case .callOpener(let tagEnd):
                    let freeform = parser.calledTool(bytes, from: lt, to: tagEnd).map(parser.isFreeform) ?? false
                    phase = freeform ? .rawInput : .arguments
                    position = tagEnd
                case .endingTag(let tagEnd):
                    return .ended(bodyEnd: kind.isBare ? tagEnd : lt, end: tagEnd)
                case .callEndingTag(let tagEnd):
                    phase = .afterCall(callEnd: tagEnd)
                    position = tagEnd
                }

            case .arguments:
                let i = ToolCallEnvelopeTags.skipWhitespace(bytes, from: position, end: end)
                position = i
                if i == end { return undecided }
                if bytes[i] == UInt8(ascii: "{") {
                    phase = .json(depth: 0, inString: false, escaped: false)
                    continue
                }
                phase = .markup
                guard bytes[i] == UInt8(ascii: "<") else { continue }
                switch ToolCallEnvelopeTags.matchTag(bytes, at: i, end: end, closing: false, names: [.parameter]) {
                case .partial:
                    phase = .arguments
                    return undecided
                case .complete(_, let tagEnd):
                    phase = .value
                    position = tagEnd
                case .mismatch:
                    break
                }

            case .json(var depth, var inString, var escaped):
                var i = position
                var closedAt: Int?
                while i < end, closedAt == nil {
                    let b = bytes[i]
                    if inString {
                        if escaped {
                            escaped = false
                        } else if b == UInt8(ascii: "\\") {
                            escaped = true
                        } else if b == UInt8(ascii: "\"") {
                            inString = false
                        }
                    } else if b == UInt8(ascii: "\"") {
                        inString = true
                    } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                        depth += 1
                    } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                        depth -= 1
                        if depth <= 0 { closedAt = i + 1 }
                    } else if b == UInt8(ascii: "<") {
                        // No tag belongs inside JSON: it was malformed, and the markup goes on here.
                        closedAt = i
                    }
                    if closedAt == nil { i += 1 }
                }
                guard let closedAt else {
                    phase = .json(depth: depth, inString: inString, escaped: escaped)
                    position = i
                    return undecided
                }
                phase = .markup
                position = closedAt

            case .rawInput:
                // The input ends at `</parameter>` (or, when that never comes, at the envelope's end);
                // nothing in it is a tag of ours, however it looks.
                guard let lt = ToolCallEnvelopeTags.firstIndex(of: UInt8(ascii: "<"), in: bytes, from: position, end: end) else {
                    position = max(position, end)
                    return undecided
                }
                let ending = kind.endingTags
                switch ToolCallEnvelopeTags.matchTag(bytes, at: lt, end: end, closing: true, names: [.parameter] + ending) {
                case .partial:
                    position = lt
                    return undecided
                case .mismatch:
                    position = lt + 1
                case .complete(0, let tagEnd):
                    phase = .afterRawInput(inputEnd: tagEnd)
                    position = tagEnd
                case .complete(_, let tagEnd):
                    return .ended(bodyEnd: kind.isBare ? tagEnd : lt, end: tagEnd)
                }

            case .afterRawInput:
                let i = ToolCallEnvelopeTags.skipWhitespace(bytes, from: position, end: end)
                position = i
                if i == end { return undecided }
                // Markup after it: the call's closers. Text: the `</parameter>` was part of the input.
                phase = bytes[i] == UInt8(ascii: "<") ? .markup : .rawInput

            case .value:
                switch ToolCallEnvelopeTags.findClosing(.parameter, in: bytes, from: position, end: end) {
                case .found(_, let closeEnd):
                    phase = .afterValue(valueEnd: closeEnd)
                    position = closeEnd
                case .notFound(let resumeAt):
                    position = resumeAt
                    return undecided
                }

            case .afterValue(let valueEnd):
                let i = ToolCallEnvelopeTags.skipWhitespace(bytes, from: position, end: end)
                position = i
                if i == end { return undecided }
                // Text right after a value: neither the call's nor the wrapper's closer was written.
                guard bytes[i] == UInt8(ascii: "<") else { return .ended(bodyEnd: valueEnd, end: valueEnd) }
                phase = .arguments

            case .afterCall(let callEnd):
                let i = ToolCallEnvelopeTags.skipWhitespace(bytes, from: position, end: end)
                position = i
                if i == end { return undecided }
                switch examineContinuation(bytes, at: i, end: end) {
                case .wrapperCloser(let tagEnd):
                    return .ended(bodyEnd: i, end: tagEnd)
                case .nextCall(let tagEnd):
                    phase = .arguments
                    position = tagEnd
                case .partial:
                    if !contentEnds { return .needMore }
                    return .ended(bodyEnd: callEnd, end: callEnd)
                case .other:
                    // The wrapper was never closed; what follows is the answer's text again.
                    return .ended(bodyEnd: callEnd, end: callEnd)
                }

            case .patchLine(let atLineStart):
                if atLineStart {
                    switch ApplyPatchBody.matchLine(ApplyPatchBody.endLine, in: bytes, at: position, end: end, contentEnds: contentEnds) {
                    case .partial:
                        return .needMore
                    case .complete(let lineEnd):
                        phase = .afterPatch(patchEnd: lineEnd)
                        position = lineEnd
                        continue
                    case .mismatch:
                        break
                    }
                }
                guard let newline = ToolCallEnvelopeTags.firstIndex(of: 0x0A, in: bytes, from: position, end: end) else {
                    phase = .patchLine(atLineStart: false)
                    position = max(position, end)
                    return undecided
                }
                phase = .patchLine(atLineStart: true)
                position = newline + 1

            case .afterPatch(let patchEnd):
                let i = ToolCallEnvelopeTags.skipWhitespace(bytes, from: position, end: end)
                position = i
                if i == end { return contentEnds ? .ended(bodyEnd: patchEnd, end: end) : .needMore }
                return .prose(resumeAt: i)
            }
        }
    }

    private enum TagKind {
        case partial
        case other
        case callOpener(end: Int)
        case endingTag(end: Int)
        case callEndingTag(end: Int)
    }

    private func examineTag(_ bytes: [UInt8], at lt: Int, end: Int) -> TagKind {
        guard lt + 1 < end else { return .partial }
        if bytes[lt + 1] == UInt8(ascii: "/") {
            let ending = kind.endingTags
            switch ToolCallEnvelopeTags.matchTag(bytes, at: lt, end: end, closing: true, names: ending + kind.callEndingTags) {
            case .partial: return .partial
            case .mismatch: return .other
            case .complete(let index, let tagEnd): return index < ending.count ? .endingTag(end: tagEnd) : .callEndingTag(end: tagEnd)
            }
        }
        guard !kind.callEndingTags.isEmpty else { return .other }
        switch ToolCallEnvelopeTags.matchTag(bytes, at: lt, end: end, closing: false, names: EnvelopeTagName.callOpeners) {
        case .partial: return .partial
        case .mismatch: return .other
        case .complete(_, let tagEnd): return .callOpener(end: tagEnd)
        }
    }

    private enum Continuation {
        case partial
        case other
        case wrapperCloser(end: Int)
        case nextCall(end: Int)
    }

    /// What follows a call inside a wrapper: the wrapper's closer, another call, or anything else.
    private func examineContinuation(_ bytes: [UInt8], at i: Int, end: Int) -> Continuation {
        guard bytes[i] == UInt8(ascii: "<") else { return .other }
        guard i + 1 < end else { return .partial }
        let closing = bytes[i + 1] == UInt8(ascii: "/")
        switch ToolCallEnvelopeTags.matchTag(bytes, at: i, end: end, closing: closing,
                                             names: closing ? kind.endingTags : EnvelopeTagName.callOpeners) {
        case .partial: return .partial
        case .mismatch: return .other
        case .complete(_, let tagEnd): return closing ? .wrapperCloser(end: tagEnd) : .nextCall(end: tagEnd)
        }
    }
}
