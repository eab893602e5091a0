import FuzzSupport
@testable import ResponsesTranslation

/// `TextToolCallScanner` (and through it the envelope finder, the parser and schema coercion) on model
/// text, in two modes chosen by the flags byte's top bit:
/// - raw: the text is the input itself, any bytes at all;
/// - shapes: the input is a program (`ShapeProgram`) that writes prose and calls in every shape MiMo
///   leaks them in, so the exact calls and the exact visible text are known.
///
/// Input: a flags byte (bit 7: mode; bits 0–1: hold limit, raw mode only), a split byte (how the text is
/// cut into content deltas; 0 = one delta), then the text or the program.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextToolCalls(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(fuzzBytes(data, size))
    let flags = input.byte()
    let split = input.byte()
    if flags & 0x80 != 0 {
        checkShapes(ShapeProgram(input.remaining), split: split)
    } else {
        checkRaw(String(decoding: input.remaining, as: UTF8.self), holdLimit: holdLimits[Int(flags & 0b11)], split: split)
    }
    return 0
}

/// Any text: the same result however it is cut; calls only to offered tools, with object arguments;
/// without a call, the text back byte for byte but for leftover closing tags at its end.
func checkRaw(_ text: String, holdLimit: Int, split: UInt8) {
    let whole = scan([text], holdLimit: holdLimit)
    require(scan(deltas(text, split: split), holdLimit: holdLimit) == whole, "scanning depends on the split")

    var calls = 0
    var released = ""
    for segment in whole {
        switch segment {
        case .text(let piece): released += piece
        case .call(let call):
            calls += 1
            require(offeredTools[call.name] != nil, "a recovered call to a tool that was not offered: \(call.name)")
            require(call.arguments.objectValue != nil, "arguments that are not an object: \(call)")
        }
    }
    if calls == 0 {
        require(isLessTrailingClosingTags(released, text), "text without calls changed beyond its trailing closing tags")
    }
}

/// Known calls in known shapes among prose without markup: exactly those calls, exactly the prose, and
/// so no `<` of the markup in what is shown.
func checkShapes(_ program: ShapeProgram, split: UInt8) {
    let whole = scan([program.text], holdLimit: TextToolCallScanner.defaultHoldLimit)
    require(scan(deltas(program.text, split: split), holdLimit: TextToolCallScanner.defaultHoldLimit) == whole,
            "scanning depends on the split")
    var calls: [TextToolCall] = []
    var released = ""
    for segment in whole {
        switch segment {
        case .text(let piece): released += piece
        case .call(let call): calls.append(call)
        }
    }
    require(calls == program.calls, "calls \(calls) instead of \(program.calls) in \(program.text.debugDescription)")
    require(!released.utf8.contains(UInt8(ascii: "<")), "markup shown: \(released.debugDescription)")
    require(released == program.prose, "shown \(released.debugDescription) instead of \(program.prose.debugDescription)")
}

/// Deltas are whole strings, so cut between Unicode scalars (MiMo's deltas are decoded JSON strings).
func deltas(_ text: String, split: UInt8) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return pieces(count: scalars.count, seed: UInt64(split), maxPiece: 1 + Int(split % 24)).map { range in
        var piece = ""
        piece.unicodeScalars.append(contentsOf: scalars[range])
        return piece
    }
}

/// Feeds the deltas and finishes, with the scanner's own guarantees checked on the way; adjacent text
/// segments are merged, since how text is chunked is not part of the contract.
func scan(_ deltas: [String], holdLimit: Int) -> [TextSegment] {
    var scanner = TextToolCallScanner(tools: offeredTools, freeformTools: offeredFreeformTools, holdLimit: holdLimit)
    var segments: [TextSegment] = []
    for delta in deltas { segments += scanner.receive(delta) }
    segments += scanner.finish()
    require(!scanner.isHolding, "the scanner still holds text after finish()")
    require(!segments.contains(.text("")), "an empty text segment was released")

    var merged: [TextSegment] = []
    for segment in segments {
        if case .text(let next) = segment, case .text(let previous)? = merged.last {
            merged[merged.count - 1] = .text(previous + next)
        } else {
            merged.append(segment)
        }
    }
    return merged
}

/// Whether `released` is `input` with, at most, closing tags of the envelope vocabulary taken out of
/// the run of whitespace and closing tags that ends it.
func isLessTrailingClosingTags(_ released: String, _ input: String) -> Bool {
    let source = Array(input.utf8)
    let result = Array(released.utf8)
    var common = 0
    while common < source.count, common < result.count, source[common] == result[common] { common += 1 }
    // The run starts at or before the first difference, at a tag or a blank.
    runStart: for start in stride(from: common, through: max(0, common - ToolCallEnvelopeTags.maxTagLength), by: -1) {
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
            if result[cursor...].starts(with: source[i..<end]) { cursor += end - i }
            i = end
        }
        if cursor == result.count { return true }
    }
    return false
}

/// The production limit, and small ones so the fuzzer reaches the overflow path.
let holdLimits = [TextToolCallScanner.defaultHoldLimit, 16, 64, 300]

/// Codex-like tools with the schema types coercion handles, a schema-less tool, two names that differ
/// only in case (so neither is matched case-insensitively), and two freeform tools.
let offeredTools: [String: JSONValue] = [
    "shell": ["type": "object", "properties": [
        "command": ["type": "string"], "argv": ["type": "array", "items": ["type": "string"]], "workdir": ["type": "string"],
        "timeout_ms": ["type": "integer"], "login": ["type": "boolean"], "env": ["type": "object"],
    ]],
    "read_file": ["type": "object", "properties": [
        "path": ["type": "string"], "limit": ["type": ["integer", "null"]], "offset": ["type": "number"],
    ]],
    "mcp__mini__ping": ["type": "object", "properties": ["text": ["type": "string"]]],
    "apply_patch": ["type": "object", "properties": ["input": ["type": "string"]]],
    "exec": ["type": "object", "properties": ["input": ["type": "string"]]],
    "Exec": ["type": "object"],
    "no_schema": .null,
]

let offeredFreeformTools: Set<String> = ["apply_patch", "exec"]

@main enum FuzzTextToolCallsMain {
    static func main() { runLibFuzzer(fuzzTextToolCalls) }
}
