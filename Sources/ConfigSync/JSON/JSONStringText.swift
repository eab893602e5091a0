import ResponsesTranslation

/// A JSON string token decoded with a map from each decoded byte back to the token, so an edit of
/// the decoded text (the TOML inside `settings_config`) can be applied to the JSON text directly
/// and leave every other escape exactly as cc-switch wrote it.
struct JSONStringText: Sendable {
    struct Failure: Error, Sendable, Equatable {}

    var text: String
    /// `sourceOffsets[i]` is where decoded byte `i` starts in the JSON text;
    /// `sourceOffsets[count]` is the closing quote.
    var sourceOffsets: [Int]

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    static func decode(_ bytes: [UInt8], range: Range<Int>) throws(Failure) -> JSONStringText {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""),
              bytes[range.upperBound - 1] == UInt8(ascii: "\"")
        else { throw Failure() }
        var decoded: [UInt8] = []
        var offsets: [Int] = []
        var index = range.lowerBound + 1
        let end = range.upperBound - 1
        while index < end {
            let start = index
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                offsets.append(start)
                index += 1
                continue
            }
            guard index + 1 < end else { throw Failure() }
            let escape = bytes[index + 1]
            index += 2
            if let value = Self.simpleEscapes[escape] {
                decoded.append(value)
                offsets.append(start)
                continue
            }
            guard escape == UInt8(ascii: "u") else { throw Failure() }
            var scalarValue = try hex4(bytes, at: index, end: end)
            index += 4
            if (0xD800..<0xDC00).contains(scalarValue), index + 6 <= end,
               bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let low = try hex4(bytes, at: index + 2, end: end)
                if (0xDC00..<0xE000).contains(low) {
                    scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
            }
            let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
            for utf8 in String(Character(scalar)).utf8 {
                decoded.append(utf8)
                offsets.append(start)
            }
        }
        offsets.append(end)
        return JSONStringText(text: String(decoding: decoded, as: UTF8.self), sourceOffsets: offsets)
    }

    /// `edits` of the decoded text, as edits of the JSON text it came from.
    func sourceEdits(_ edits: [TextEdit]) -> [TextEdit] {
        edits.map { edit in
            TextEdit(
                range: sourceOffsets[edit.range.lowerBound]..<sourceOffsets[edit.range.upperBound],
                replacement: Self.escaped(edit.replacement))
        }
    }

    /// The body of a JSON string (no quotes), escaped the way serde_json does — the same rules as
    /// our serializer, so it is reused rather than written again.
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONValue.writeString(text, into: &bytes)
        return String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
    }

    private static func hex4(_ bytes: [UInt8], at index: Int, end: Int) throws(Failure) -> UInt32 {
        guard index + 4 <= end,
              let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
        else { throw Failure() }
        return value
    }
}
