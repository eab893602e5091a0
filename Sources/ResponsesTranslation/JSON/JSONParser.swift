/// Why a document is not valid JSON, with the byte offset, line and column a user can look at.
/// `line` and `column` are 1-based; `column` counts Unicode scalars, so a multi-byte character is one column.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int
    public var reason: String

    public var description: String { "invalid JSON at line \(line), column \(column) (byte \(offset)): \(reason)" }
}

extension JSONValue {
    /// Parses a complete JSON document (RFC 8259). Nesting deeper than `maxDepth` is rejected: the parser
    /// itself does not recurse, but whatever walks the result (serializing, comparing, freeing it) does.
    public static func parse(_ text: String, maxDepth: Int = 256) throws(JSONParseError) -> JSONValue {
        var text = text
        // withUTF8 rethrows untyped errors, so carry the typed one out in a Result.
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth) }
        }.get()
    }

    public static func parse(_ bytes: [UInt8], maxDepth: Int = 256) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, maxDepth: maxDepth) }
        }.get()
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = 256) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: buffer.bindMemory(to: UInt8.self), maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.error("unexpected data after the document") }
        return value
    }
}

/// A parser over UTF-8 bytes. Strings without escapes are decoded straight from the input slice, which
/// is the common case for Codex histories (large tool outputs, prompts).
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    /// Decoded bytes of the string being parsed when it contains escapes.
    private var scratch: [UInt8] = []

    /// Objects with more members than this find duplicate keys through a hash table instead of a scan.
    private static let linearKeyLimit = 12

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func error(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? index, bytes.count)
        var line = 1, column = 1
        for i in 0..<offset {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
        }
        return JSONParseError(offset: offset, line: line, column: column, reason: reason)
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// An array or object whose elements are being parsed.
    private struct Frame {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [JSONObject.Member] = []
        /// The key of the member whose value is being parsed.
        var key = ""
        /// Member positions by key, built only once an object outgrows `linearKeyLimit`, so that hostile
        /// objects with many keys still parse in linear time.
        var keyIndex: [String: Int] = [:]

        init(object: Bool) {
            isObject = object
            // Most containers are small: room for four saves the first regrowths without wasting much.
            if object { members.reserveCapacity(4) } else { elements.reserveCapacity(4) }
        }
    }

    /// Parses one value, starting at a non-whitespace byte. Nesting is tracked on the heap rather than by
    /// recursion, so that the stack a document needs does not grow with its depth: a debug build needs
    /// several KiB of stack per level when recursing, and background threads have only 512 KiB on macOS.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var frames: [Frame] = []
        parsing: while true {
            var value: JSONValue
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[index] == UInt8(ascii: "{")
                if frames.count >= maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    if frames.capacity == 0 { frames.reserveCapacity(8) }
                    frames.append(Frame(object: isObject))
                    if isObject { try parseKey(into: &frames[frames.count - 1]) }
                    continue parsing
                }
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); value = .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); value = .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
            default: throw error("unexpected character '\(Self.printable(bytes[index]))'")
            }
            // The value is complete: add it to the innermost container, and close every container that
            // ends right after it. With no container left, it is the whole value.
            while !frames.isEmpty {
                let top = frames.count - 1
                skipWhitespace()
                if frames[top].isObject {
                    addMember(value, to: &frames[top])
                    guard index < bytes.count else { throw error("unexpected end of input in an object") }
                    switch bytes[index] {
                    case UInt8(ascii: ","):
                        index += 1
                        skipWhitespace()
                        try parseKey(into: &frames[top])
                        continue parsing
                    case UInt8(ascii: "}"):
                        index += 1
                        value = .object(JSONObject(uniqueMembers: frames.removeLast().members))
                    default: throw error("expected ',' or '}' in an object")
                    }
                } else {
                    frames[top].elements.append(value)
                    guard index < bytes.count else { throw error("unexpected end of input in an array") }
                    switch bytes[index] {
                    case UInt8(ascii: ","):
                        index += 1
                        skipWhitespace()
                        continue parsing
                    case UInt8(ascii: "]"):
                        index += 1
                        value = .array(frames.removeLast().elements)
                    default: throw error("expected ',' or ']' in an array")
                    }
                }
            }
            return value
        }
    }

    /// Reads `"key":` and the whitespace after it.
    private mutating func parseKey(into frame: inout Frame) throws(JSONParseError) {
        guard index < bytes.count else { throw error("unexpected end of input in an object") }
        guard bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key in an object") }
        frame.key = try parseString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
        index += 1
        skipWhitespace()
    }

    /// Adds a member to the object being parsed. A duplicate key keeps its first position and takes the
    /// last value, like JSONObject's subscript.
    private func addMember(_ value: JSONValue, to frame: inout Frame) {
        let count = frame.members.count
        if count < Self.linearKeyLimit {
            for i in 0..<count where frame.members[i].key == frame.key {
                frame.members[i].value = value
                return
            }
            frame.members.append(JSONObject.Member(key: frame.key, value: value))
            return
        }
        if frame.keyIndex.isEmpty {
            frame.keyIndex.reserveCapacity(count * 2)
            for i in 0..<count { frame.keyIndex[frame.members[i].key] = i }
        }
        if let i = frame.keyIndex[frame.key] {
            frame.members[i].value = value
        } else {
            frame.keyIndex[frame.key] = count
            frame.members.append(JSONObject.Member(key: frame.key, value: value))
        }
    }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for i in 0..<count {
            guard index + i < bytes.count else { throw error("unexpected end of input", at: index + i) }
            if bytes[index + i] != start[i] { throw error("invalid literal, expected '\(literal)'", at: index + i) }
        }
        index += count
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("leading zeros are not allowed in numbers") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected digits after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected digits in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    // MARK: Strings

    /// Advances `index` to the next `"`, `\` or control byte (or the end), eight bytes at a time.
    /// ORs every byte passed over into `seen`, so the caller knows whether the run was all ASCII.
    @inline(__always) private mutating func scanPlainRun(seen: inout UInt64) {
        let count = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let special = JSONByteScan.specialBytes(word)
                if special != 0 {
                    let skip = special.trailingZeroBitCount >> 3
                    // Only the bytes before the special one belong to the run.
                    seen |= skip == 0 ? 0 : word & (~0 >> UInt64(64 - skip * 8))
                    index &+= skip
                    return
                }
                seen |= word
                index &+= 8
            }
        }
        while index < count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { return }
            seen |= UInt64(b)
            index &+= 1
        }
    }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        var seen: UInt64 = 0
        scanPlainRun(seen: &seen)
        guard index < bytes.count else { throw error("unterminated string", at: start - 1) }
        if bytes[index] == UInt8(ascii: "\"") {
            // Fast path: no escapes, the string is the input slice.
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
            let string = try makeString(slice, inputIsASCII: seen & JSONByteScan.highBits == 0, inputOffset: start)
            index += 1
            return string
        }
        // Slow path: decode escapes into the scratch buffer, copying plain runs in one go.
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while true {
            if runStart < index { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            guard index < bytes.count else { throw error("unterminated string", at: start - 1) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { break }
            if b != UInt8(ascii: "\\") { throw error("unescaped control character in a string") }
            try parseEscape()
            runStart = index
            scanPlainRun(seen: &seen)
        }
        let end = index
        let string = try scratch.withUnsafeBufferPointer { decoded throws(JSONParseError) in
            try makeString(decoded, inputIsASCII: seen & JSONByteScan.highBits == 0, inputOffset: start, inputEnd: end)
        }
        index += 1
        return string
    }

    /// Makes a String of UTF-8 bytes, rejecting invalid UTF-8 with the offset of the first bad input byte.
    /// `bytes` is the string's content: a slice of the input from `inputOffset`, or, when the string had
    /// escapes, the decoded bytes of the input from `inputOffset` to `inputEnd`. Escapes always decode to
    /// well-formed UTF-8, so only the input's own bytes can be invalid, and they are checked in place.
    private func makeString(
        _ bytes: UnsafeBufferPointer<UInt8>, inputIsASCII: Bool, inputOffset: Int, inputEnd: Int? = nil
    ) throws(JSONParseError) -> String {
        // ASCII input cannot be invalid, and String(decoding:) gets through ASCII quickly.
        if inputIsASCII { return String(decoding: bytes, as: UTF8.self) }
        func invalid() -> JSONParseError {
            let input = UnsafeBufferPointer(rebasing: self.bytes[inputOffset..<(inputEnd ?? inputOffset + bytes.count)])
            return error("invalid UTF-8 in a string", at: inputOffset + (Self.firstInvalidUTF8(in: input) ?? 0))
        }
        // String(validating:) validates once but has a fixed cost of about 100 ns (it is generic and not
        // specialised); String(decoding:) repairs instead of rejecting, so short strings are checked here
        // first, and the standard library then checks them again.
        if bytes.count >= 128 {
            guard let string = String(validating: bytes, as: UTF8.self) else { throw invalid() }
            return string
        }
        if Self.firstInvalidUTF8(in: bytes) != nil { throw invalid() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes the escape sequence at `index` (which is at the backslash) into `scratch`.
    private mutating func parseEscape() throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw error("unterminated escape sequence") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by \uDC00-\uDFFF; a lone one becomes U+FFFD.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let save = index
                    index += 2
                    let low = try parseHex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        scalar = 0xFFFD
                        index = save
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(scalar) {
                scalar = 0xFFFD
            }
            appendUTF8(scalar)
        default:
            throw error("invalid escape '\\\(Self.printable(e))'", at: index - 2)
        }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("truncated \\u escape") }
            let c = bytes[index]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Appends a scalar value (never a surrogate, at most 0x10FFFF) as UTF-8.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The offset of the first byte in `bytes` that does not begin a well-formed UTF-8 sequence
    /// (Unicode table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or nil if all is well.
    static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        @inline(__always) func isContinuation(_ offset: Int) -> Bool { offset < n && bytes[offset] & 0xC0 == 0x80 }
        // The second byte's range is what rules out overlong forms (E0, F0), surrogates (ED) and code
        // points past U+10FFFF (F4); other leads take any continuation byte.
        @inline(__always) func secondByteFits(_ lead: UInt8, at start: Int) -> Bool {
            guard start + 1 < n else { return false }
            let second = bytes[start + 1]
            let low: UInt8 = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF
            return second >= low && second <= high
        }
        while i < n {
            if i &+ 8 <= n, let base = bytes.baseAddress,
                UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self) & JSONByteScan.highBits == 0
            {
                i &+= 8
                continue
            }
            let lead = bytes[i]
            switch lead {
            case 0x00...0x7F:
                i &+= 1
            case 0xC2...0xDF:
                guard isContinuation(i + 1) else { return i }
                i &+= 2
            case 0xE0...0xEF:
                guard secondByteFits(lead, at: i), isContinuation(i + 2) else { return i }
                i &+= 3
            case 0xF0...0xF4:
                guard secondByteFits(lead, at: i), isContinuation(i + 2), isContinuation(i + 3) else { return i }
                i &+= 4
            default:
                return i
            }
        }
        return nil
    }
}

/// Word-at-a-time byte classification shared by the parser and the serializer.
enum JSONByteScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// High bit set in each byte of `word` that may be `"`, `\` or below 0x20 (the bytes a JSON string
    /// cannot contain as they are). The lowest flagged byte is always a real one — false positives only
    /// occur above a real one, through borrows — which is all a scan for the next such byte needs.
    @inline(__always) static func specialBytes(_ word: UInt64) -> UInt64 {
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        return ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | control) & highBits
    }
}
