/// What a V4A patch, the input of Codex's freeform `apply_patch` tool, looks like: enough to recognise
/// one MiMo wrote as text instead of calling the tool (opencodex#5499), and to refuse one that was cut
/// short. Recognition is deliberately strict, because prose may show a patch without meaning to apply
/// it; see `TextToolCallScanner` for where a bare patch counts as a call.
enum ApplyPatchBody {
    /// The freeform tool whose body this grammar describes (`start: begin_patch hunk+ end_patch`).
    static let toolName = "apply_patch"
    static let beginLine: [UInt8] = Array("*** Begin Patch".utf8)
    static let endLine: [UInt8] = Array("*** End Patch".utf8)
    private static let operationPrefixes: [[UInt8]] = [
        Array("*** Add File: ".utf8), Array("*** Update File: ".utf8), Array("*** Delete File: ".utf8),
    ]

    enum LineMatch: Equatable {
        case partial
        case mismatch
        /// The line matched; `end` is just past its line break (or the content's end, when allowed).
        case complete(end: Int)
    }

    /// Whether the line at `start` is exactly `line` followed by `\n` or `\r\n`, or by the end of the
    /// content when `contentEnds` says that `end` is where the content ends.
    static func matchLine(_ line: [UInt8], in bytes: [UInt8], at start: Int, end: Int, contentEnds: Bool) -> LineMatch {
        var i = start
        for expected in line {
            guard i < end else { return contentEnds ? .mismatch : .partial }
            guard bytes[i] == expected else { return .mismatch }
            i += 1
        }
        guard i < end else { return contentEnds ? .complete(end: i) : .partial }
        if bytes[i] == 0x0A { return .complete(end: i + 1) }
        guard bytes[i] == 0x0D else { return .mismatch }
        guard i + 1 < end else { return contentEnds ? .mismatch : .partial }
        return bytes[i + 1] == 0x0A ? .complete(end: i + 2) : .mismatch
    }

    /// Whether `bytes` is one whole patch: the begin line first, the end line last (a line break or
    /// whitespace may follow it), and at least one `*** Add|Update|Delete File: PATH` line between.
    /// A patch without a file operation changes nothing and is far more likely an example in prose.
    static func isComplete(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = Array(bytes)
        guard case .complete(let bodyStart) = matchLine(beginLine, in: text, at: 0, end: text.count, contentEnds: true)
        else { return false }
        var end = text.count
        while end > bodyStart, ToolCallEnvelopeTags.isWhitespace(text[end - 1]) { end -= 1 }
        guard end - bodyStart >= endLine.count, Array(text[(end - endLine.count)..<end]) == endLine,
              end - endLine.count == bodyStart || text[end - endLine.count - 1] == 0x0A
        else { return false }
        var lineStart = bodyStart
        while lineStart < end - endLine.count {
            if operationPrefixes.contains(where: { startsLine($0, text, at: lineStart) }) { return true }
            guard let newline = ToolCallEnvelopeTags.firstIndex(of: 0x0A, in: text, from: lineStart, end: end) else { break }
            lineStart = newline + 1
        }
        return false
    }

    /// Whether the line at `start` begins with `prefix` and names something after it.
    private static func startsLine(_ prefix: [UInt8], _ text: [UInt8], at start: Int) -> Bool {
        guard start + prefix.count < text.count, Array(text[start..<(start + prefix.count)]) == prefix else { return false }
        let next = text[start + prefix.count]
        return !ToolCallEnvelopeTags.isWhitespace(next)
    }
}
