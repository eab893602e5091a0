import Testing
@testable import ResponsesTranslation

/// The tools offered to the model in the text tool-call tests, shaped like Codex's: functions with
/// the schema types coercion handles, a schema-less one, and two freeform tools (`apply_patch`, and
/// `exec` as in Codex's code mode) offered as functions taking one string, `input`.
let offeredTools: [String: JSONValue] = [
    "shell": [
        "type": "object",
        "properties": [
            "command": ["type": "string"],
            "timeout_ms": ["type": "integer"],
            "login": ["type": "boolean"],
            "env": ["type": "object"],
            "argv": ["type": "array", "items": ["type": "string"]],
        ],
    ],
    "apply_patch": ["type": "object", "properties": ["input": ["type": "string"]]],
    "exec": ["type": "object", "properties": ["input": ["type": "string"]]],
    "read_file": [
        "type": "object",
        "properties": [
            "path": ["type": "string"],
            "limit": ["type": ["integer", "null"]],
            "offset": ["type": "number"],
            "note": ["type": ["string", "null"]],
        ],
    ],
    "no_schema": .null,
]

let offeredFreeformTools: Set<String> = ["apply_patch", "exec"]

func call(_ name: String, _ arguments: JSONValue) -> TextSegment {
    .call(TextToolCall(name: name, arguments: arguments))
}

func makeScanner(holdLimit: Int = TextToolCallScanner.defaultHoldLimit) -> TextToolCallScanner {
    TextToolCallScanner(tools: offeredTools, freeformTools: offeredFreeformTools, holdLimit: holdLimit)
}

/// Feeds `deltas` in order, then finishes; checks the no-empty-text rule on the way.
func scan(
    _ deltas: [String], tools: [String: JSONValue] = offeredTools, freeformTools: Set<String> = offeredFreeformTools,
    holdLimit: Int = TextToolCallScanner.defaultHoldLimit, sourceLocation: SourceLocation = #_sourceLocation
) -> [TextSegment] {
    var scanner = TextToolCallScanner(tools: tools, freeformTools: freeformTools, holdLimit: holdLimit)
    var segments: [TextSegment] = []
    for delta in deltas { segments += scanner.receive(delta) }
    segments += scanner.finish()
    #expect(!scanner.isHolding, sourceLocation: sourceLocation)
    #expect(!segments.contains(.text("")), "empty text segment released", sourceLocation: sourceLocation)
    return merged(segments)
}

func scan(_ input: String, sourceLocation: SourceLocation = #_sourceLocation) -> [TextSegment] {
    scan([input], sourceLocation: sourceLocation)
}

/// The same input whole, one character at a time, and cut at every offset: one result for all.
func scanEverySplit(_ input: String, sourceLocation: SourceLocation = #_sourceLocation) -> [TextSegment] {
    let whole = scan([input], sourceLocation: sourceLocation)
    #expect(scan(input.map { String($0) }, sourceLocation: sourceLocation) == whole, "one character at a time",
            sourceLocation: sourceLocation)
    for offset in 0...input.count {
        let result = scan(split(input, at: [offset]), sourceLocation: sourceLocation)
        #expect(result == whole, "split at \(offset)", sourceLocation: sourceLocation)
        if result != whole { break }
    }
    return whole
}

/// Adjacent text may be split arbitrarily, so comparisons merge it first.
func merged(_ segments: [TextSegment]) -> [TextSegment] {
    var result: [TextSegment] = []
    var text: String?
    for segment in segments {
        switch segment {
        case .text(let next): if text == nil { text = next } else { text?.append(next) }
        case .call:
            if let pending = text { result.append(.text(pending)); text = nil }
            result.append(segment)
        }
    }
    if let pending = text { result.append(.text(pending)) }
    return result
}

/// Splits `input` at the given character offsets (any order, duplicates give empty deltas).
func split(_ input: String, at offsets: [Int]) -> [String] {
    let characters = Array(input)
    var deltas: [String] = []
    var start = 0
    for offset in offsets.map({ $0 % (characters.count + 1) }).sorted() {
        deltas.append(String(characters[start..<offset]))
        start = offset
    }
    deltas.append(String(characters[start...]))
    return deltas
}

/// Whether `released` is `input` with, at most, closing tags of the envelope vocabulary taken out of
/// its trailing run of whitespace and closing tags: the only change a scan without calls may make.
func isInputLessTrailingClosingTags(_ released: String, _ input: String) -> Bool {
    let source = Array(input.utf8)
    let result = Array(released.utf8)
    runStart: for start in 0...source.count where result.starts(with: source[..<start]) {
        var cursor = start
        var i = start
        while i < source.count {
            if ToolCallEnvelopeTags.isWhitespace(source[i]) {
                guard cursor < result.count, result[cursor] == source[i] else { continue runStart }
                cursor += 1
                i += 1
                continue
            }
            guard case .complete(_, let end) = ToolCallEnvelopeTags.matchTag(
                source, at: i, end: source.count, closing: true, names: EnvelopeTagName.closingVocabulary)
            else { continue runStart }
            // Kept (it closes something shown) or dropped.
            if result[cursor...].starts(with: source[i..<end]) { cursor += end - i }
            i = end
        }
        if cursor == result.count { return true }
    }
    return false
}
