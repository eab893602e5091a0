import FuzzSupport
@testable import ResponsesTranslation

/// `TextToolCallScanner` (and through it the envelope parser and schema coercion) on model text.
///
/// Input: a flags byte (hold limit), a split byte (how the text is cut into content deltas; 0 = one
/// delta), then the text as UTF-8 (invalid bytes become U+FFFD, as they would in a decoded chunk).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextToolCalls(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(fuzzBytes(data, size))
    let flags = input.byte()
    let split = input.byte()
    let text = String(decoding: input.remaining, as: UTF8.self)
    let holdLimit = holdLimits[Int(flags & 0b11)]

    // Deltas are whole strings, so cut between Unicode scalars (MiMo's deltas are decoded JSON strings).
    let scalars = Array(text.unicodeScalars)
    let deltas = pieces(count: scalars.count, seed: UInt64(split), maxPiece: 1 + Int(split % 24)).map { range in
        var piece = ""
        piece.unicodeScalars.append(contentsOf: scalars[range])
        return piece
    }

    let whole = scan([text], holdLimit: holdLimit)
    let cut = scan(deltas, holdLimit: holdLimit)
    // Documented: the result does not depend on how the content was split into deltas.
    require(whole == cut, "scanning depends on the split")

    var calls = 0
    var released = ""
    for segment in whole {
        switch segment {
        case .text(let piece): released += piece
        case .call(let call):
            calls += 1
            require(offeredTools[call.name] != nil, "a recovered call to a tool that was not offered: \(call.name)")
        }
    }
    // Without a recovered call nothing is lost or changed: the text comes back byte for byte.
    if calls == 0 { require(released == text, "text without calls was not released unchanged") }
    return 0
}

/// Feeds the deltas and finishes, with the scanner's own guarantees checked on the way; adjacent text
/// segments are merged, since how text is chunked is not part of the contract.
func scan(_ deltas: [String], holdLimit: Int) -> [TextSegment] {
    var scanner = TextToolCallScanner(tools: offeredTools, holdLimit: holdLimit)
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

/// The production limit, and small ones so the fuzzer reaches the overflow path.
let holdLimits = [TextToolCallScanner.defaultHoldLimit, 16, 64, 300]

/// Codex-like tools with the schema types coercion handles, a schema-less tool, and two names that
/// differ only in case (so neither is matched case-insensitively).
let offeredTools: [String: JSONValue] = [
    "shell": ["type": "object", "properties": [
        "command": ["type": "array", "items": ["type": "string"]], "workdir": ["type": "string"],
        "timeout_ms": ["type": "integer"], "login": ["type": "boolean"], "env": ["type": "object"],
    ]],
    "read_file": ["type": "object", "properties": [
        "path": ["type": "string"], "limit": ["type": ["integer", "null"]], "offset": ["type": "number"],
    ]],
    "mcp__mini__ping": ["type": "object", "properties": ["text": ["type": "string"]]],
    "apply_patch": .null,
    "Exec": ["type": "object"],
    "exec": ["type": "object"],
]

@main enum FuzzTextToolCallsMain {
    static func main() { runLibFuzzer(fuzzTextToolCalls) }
}
