/// The shapes in which MiMo writes a tool call into its text (mimo-api.md §4.4, peer-lessons.md §5).
/// The scanner and the parser must agree byte for byte on where an envelope opens and ends, so both
/// use these matchers and `EnvelopeEndFinder` instead of each having its own idea of a tag.
enum ToolCallEnvelopeKind: Sendable, Equatable, CaseIterable {
    /// `<tool_call>…</tool_call>`: `<function=NAME>` blocks or a JSON `{"name":…,"arguments":…}` body.
    case toolCall
    /// `<toolcall><NAME>{json}</NAME></toolcall>`.
    case compactToolCall
    /// `<function_calls>` or `<PREFIX:function_calls>` around `<invoke name="…">` blocks.
    case functionCalls
    /// A bare `<invoke name="…">…</invoke>`, its `<function_calls>` opener missing.
    case invoke
    /// A bare `<function=NAME>…</function>`, its `<tool_call>` opener missing.
    case function
    /// A V4A patch (`*** Begin Patch` … `*** End Patch`) written as text: the body of the freeform
    /// `apply_patch` tool with no markup at all.
    case patch

    /// Bare kinds are one call whose own tag opens the envelope; a stray closing tag of the missing
    /// wrapper may follow it.
    var isBare: Bool { self == .invoke || self == .function }

    /// The opening tag's name; nil for the patch, which opens with a line instead of a tag.
    var openingTag: EnvelopeTagName? {
        switch self {
        case .toolCall: .toolCall
        case .compactToolCall: .compactToolCall
        case .functionCalls: .functionCalls
        case .invoke: .invoke
        case .function: .function
        case .patch: nil
        }
    }

    /// Closing tags that end the envelope. A bare call also ends at its missing wrapper's closer, written
    /// without the matching opener (`<function=…>…</tool_call>`).
    var endingTags: [EnvelopeTagName] {
        switch self {
        case .toolCall: [.toolCall]
        case .compactToolCall: [.compactToolCall]
        case .functionCalls: [.functionCalls]
        case .invoke: [.invoke, .functionCalls]
        case .function: [.function, .toolCall]
        case .patch: []
        }
    }

    /// Closing tags that end one call inside a wrapper; what follows them decides whether the wrapper
    /// goes on (another call, its closer) or was never closed.
    var callEndingTags: [EnvelopeTagName] {
        switch self {
        case .toolCall, .functionCalls: [.function, .invoke]
        case .compactToolCall, .invoke, .function, .patch: []
        }
    }
}

/// A tag name the envelopes use, matched case-insensitively and behind an optional `PREFIX:`.
struct EnvelopeTagName: Sendable, Equatable {
    /// Lowercase.
    let bytes: [UInt8]
    /// `<function=NAME>` and `<parameter=KEY>` put an `=` right after the name.
    let takesEquals: Bool

    static let toolCall = EnvelopeTagName(bytes: Array("tool_call".utf8), takesEquals: false)
    static let compactToolCall = EnvelopeTagName(bytes: Array("toolcall".utf8), takesEquals: false)
    static let functionCalls = EnvelopeTagName(bytes: Array("function_calls".utf8), takesEquals: false)
    static let invoke = EnvelopeTagName(bytes: Array("invoke".utf8), takesEquals: false)
    static let function = EnvelopeTagName(bytes: Array("function".utf8), takesEquals: true)
    static let parameter = EnvelopeTagName(bytes: Array("parameter".utf8), takesEquals: true)

    /// Every closing tag of the envelope vocabulary. Found on its own where no envelope is open, one is
    /// a leftover of a call (`…</function></tool_call>` after the call, or at the end of the answer).
    static let closingVocabulary: [EnvelopeTagName] = [.toolCall, .compactToolCall, .functionCalls, .invoke, .function, .parameter]
    /// Tags that open a call inside a wrapper.
    static let callOpeners: [EnvelopeTagName] = [.function, .invoke]
}

/// Byte-level tag matching over UTF-8. Every decision looks only at ASCII bytes, so cutting the text at
/// a `<` or `>` always leaves valid UTF-8 on both sides.
enum ToolCallEnvelopeTags {
    private static let openingKinds = ToolCallEnvelopeKind.allCases.filter { $0.openingTag != nil }
    private static let openingNames = openingKinds.map { $0.openingTag! }

    /// A namespace prefix (`tml` in `<tml:function_calls>`) longer than this is not taken for one, so
    /// prose like `<averyveryverylongword` is released instead of held indefinitely.
    static let maxPrefixLength = 64
    /// Longest opening or closing tag, attributes included; longer ones are not envelope tags.
    static let maxTagLength = 512

    enum TagMatch: Equatable {
        /// The bytes so far are a prefix of a recognised tag; more input decides.
        case partial
        /// These bytes can no longer become a recognised tag.
        case mismatch
        /// A whole tag; `end` is the index just past its `>`.
        case complete(nameIndex: Int, end: Int)
    }

    enum OpeningMatch: Equatable {
        case partial
        case mismatch
        case complete(ToolCallEnvelopeKind, end: Int)
    }

    /// Matches an envelope opening tag `<[PREFIX:]NAME[ attributes]>` (or `<function=NAME>`) at `start`
    /// (which holds `<`), looking no further than `end`.
    static func matchOpening(_ bytes: [UInt8], at start: Int, end: Int) -> OpeningMatch {
        switch matchTag(bytes, at: start, end: end, closing: false, names: openingNames) {
        case .partial: return .partial
        case .mismatch: return .mismatch
        case .complete(let index, let tagEnd): return .complete(openingKinds[index], end: tagEnd)
        }
    }

    /// Matches a tag `<NAME …>` (opening) or `</NAME>` (closing) at `start`, with an optional
    /// `PREFIX:` before the name, names compared case-insensitively. Opening tags may carry attributes
    /// (or `=VALUE` for names that take it); closing tags only whitespace before `>`.
    static func matchTag(_ bytes: [UInt8], at start: Int, end: Int, closing: Bool, names: [EnvelopeTagName]) -> TagMatch {
        var nameStart = start + 1
        if closing {
            guard nameStart < end else { return .partial }
            guard bytes[nameStart] == UInt8(ascii: "/") else { return .mismatch }
            nameStart += 1
        }
        guard nameStart < end else { return .partial }
        var sawPartial = false

        switch matchName(bytes, at: nameStart, end: end, tagStart: start, closing: closing, names: names) {
        case .complete(let index, let tagEnd): return .complete(nameIndex: index, end: tagEnd)
        case .partial: sawPartial = true
        case .mismatch: break
        }

        // The same names behind a namespace prefix: `<tml:function_calls>`.
        if isPrefixStart(bytes[nameStart]) {
            var i = nameStart + 1
            while i < end, isPrefixBody(bytes[i]), i - nameStart < maxPrefixLength { i += 1 }
            if i == end {
                if i - nameStart < maxPrefixLength { sawPartial = true }
            } else if bytes[i] == UInt8(ascii: ":") {
                switch matchName(bytes, at: i + 1, end: end, tagStart: start, closing: closing, names: names) {
                case .complete(let index, let tagEnd): return .complete(nameIndex: index, end: tagEnd)
                case .partial: sawPartial = true
                case .mismatch: break
                }
            }
        }
        return sawPartial ? .partial : .mismatch
    }

    private static func matchName(
        _ bytes: [UInt8], at nameStart: Int, end: Int, tagStart: Int, closing: Bool, names: [EnvelopeTagName]
    ) -> TagMatch {
        var sawPartial = false
        for (index, name) in names.enumerated() {
            let word = name.bytes
            var k = 0
            while k < word.count, nameStart + k < end, asciiLowercased(bytes[nameStart + k]) == word[k] { k += 1 }
            if k < word.count {
                if nameStart + k == end { sawPartial = true }
                continue
            }
            var i = nameStart + word.count
            guard i < end else { sawPartial = true; continue }
            if bytes[i] == UInt8(ascii: ">") { return .complete(nameIndex: index, end: i + 1) }
            // `<tool_calls>` or `<invoker>` are other words, not our tags.
            let takesValue = !closing && name.takesEquals && bytes[i] == UInt8(ascii: "=")
            guard isWhitespace(bytes[i]) || takesValue else { continue }
            while i < end, i - tagStart < maxTagLength {
                let b = bytes[i]
                if b == UInt8(ascii: ">") { break }
                if b == UInt8(ascii: "<") { break }
                if closing && !isWhitespace(b) { break }
                i += 1
            }
            if i - tagStart >= maxTagLength { continue }
            if i == end { sawPartial = true; continue }
            guard bytes[i] == UInt8(ascii: ">") else { continue }
            // A self-closing `<tool_call/>` wraps nothing.
            if !closing, bytes[i - 1] == UInt8(ascii: "/") { continue }
            return .complete(nameIndex: index, end: i + 1)
        }
        return sawPartial ? .partial : .mismatch
    }

    enum ClosingSearch: Equatable {
        /// The first closing tag lies at `start..<end`.
        case found(start: Int, end: Int)
        /// No closing tag before the search end; a later search can resume at `resumeAt` without
        /// missing a tag that straddles the end.
        case notFound(resumeAt: Int)
    }

    /// Finds the first `</[PREFIX:]NAME>` in `from..<end`. Resuming at `resumeAt` after more bytes
    /// arrive keeps the total work linear in the envelope's length.
    static func findClosing(_ name: EnvelopeTagName, in bytes: [UInt8], from: Int, end: Int) -> ClosingSearch {
        let names = [name]
        var i = from
        while let lt = firstIndex(of: UInt8(ascii: "<"), in: bytes, from: i, end: end) {
            switch matchTag(bytes, at: lt, end: end, closing: true, names: names) {
            case .complete(_, let tagEnd): return .found(start: lt, end: tagEnd)
            case .partial: return .notFound(resumeAt: lt)
            case .mismatch: i = lt + 1
            }
        }
        return .notFound(resumeAt: max(from, end))
    }

    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from: Int, end: Int) -> Int? {
        guard from < end else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var i = from
            while i < end {
                if buffer[i] == byte { return i }
                i += 1
            }
            return nil
        }
    }

    static func skipWhitespace(_ bytes: [UInt8], from position: Int, end: Int) -> Int {
        var i = position
        while i < end, isWhitespace(bytes[i]) { i += 1 }
        return i
    }

    @inline(__always) static func asciiLowercased(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    @inline(__always) static func isPrefixStart(_ b: UInt8) -> Bool {
        let l = asciiLowercased(b)
        return (l >= UInt8(ascii: "a") && l <= UInt8(ascii: "z")) || b == UInt8(ascii: "_")
    }

    @inline(__always) static func isPrefixBody(_ b: UInt8) -> Bool {
        isPrefixStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }
}
