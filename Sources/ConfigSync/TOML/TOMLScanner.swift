/// Why a document could not be mapped; the caller turns it into a user-facing error with a
/// line and column.
struct TOMLScanError: Error, Sendable, Equatable {
    var offset: Int
    var reason: String
}

/// A single pass over TOML text that records positions (`TOMLLayout`) instead of building values.
/// It accepts TOML 1.0 plus TOML 1.1's newlines in inline tables; anything it does not understand
/// is an error, so an edit is never attempted on a document it has misread.
struct TOMLScanner {
    private let bytes: [UInt8]
    private var position = 0
    private var sections: [TOMLLayout.Section] = [TOMLLayout.Section(path: [], isArrayTable: false, headerLineRange: nil)]
    private var inlineTables: [TOMLLayout.InlineTable] = []
    private var entries: [TOMLLayout.Entry] = []

    static func layout(of text: String) throws(TOMLScanError) -> TOMLLayout {
        var scanner = TOMLScanner(bytes: Array(text.utf8))
        return try scanner.scanDocument()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func scanDocument() throws(TOMLScanError) -> TOMLLayout {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        var current = 0
        while true {
            let lineStart = position
            skipBlanks()
            guard let byte = peek() else { break }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try finishLine()
            case UInt8(ascii: "#"):
                skipComment()
                try finishLine()
            case UInt8(ascii: "["):
                let isArrayTable = peek(1) == UInt8(ascii: "[")
                position += isArrayTable ? 2 : 1
                skipBlanks()
                let path = try scanKeyPath()
                try expect("]")
                if isArrayTable { try expect("]") }
                try finishLine()
                sections.append(TOMLLayout.Section(
                    path: path, isArrayTable: isArrayTable, headerLineRange: lineStart..<position))
                current = sections.count - 1
            default:
                let keyStart = position
                let key = try scanKeyPath()
                try expect("=")
                skipBlanks()
                let path = sections[current].path + key
                let addressable = !sections[current].isArrayTable
                let (range, value) = try scanValue(path: addressable ? path : nil)
                try finishLine()
                entries.append(TOMLLayout.Entry(
                    path: path, keyStart: keyStart, valueRange: range, value: value,
                    lineRange: lineStart..<position, container: .section(current)))
            }
        }
        return TOMLLayout(bytes: bytes, sections: sections, inlineTables: inlineTables, entries: entries)
    }

    // MARK: Keys

    private mutating func scanKeyPath() throws(TOMLScanError) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            parts.append(try scanKeyPart())
            skipBlanks()
            guard peek() == UInt8(ascii: ".") else { return parts }
            position += 1
        }
    }

    private mutating func scanKeyPart() throws(TOMLScanError) -> String {
        switch peek() {
        case UInt8(ascii: "\""): return try scanBasicString()
        case UInt8(ascii: "'"): return try scanLiteralString()
        default:
            let start = position
            while let byte = peek(), Self.isBareKeyByte(byte) { position += 1 }
            guard position > start else { throw fail("expected a key") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: Values

    /// `path` is nil for values whose keys have no single address (inside arrays).
    private mutating func scanValue(path: [String]?) throws(TOMLScanError) -> (Range<Int>, TOMLLayout.Value) {
        let start = position
        let value: TOMLLayout.Value
        switch peek() {
        case UInt8(ascii: "\""):
            if startsWith("\"\"\"") { try skipMultilineString(quote: UInt8(ascii: "\"")); value = .other }
            else { value = .string(try scanBasicString()) }
        case UInt8(ascii: "'"):
            if startsWith("'''") { try skipMultilineString(quote: UInt8(ascii: "'")); value = .other }
            else { value = .string(try scanLiteralString()) }
        case UInt8(ascii: "["):
            try skipArray()
            value = .other
        case UInt8(ascii: "{"):
            try scanInlineTable(path: path)
            value = .other
        case nil:
            throw fail("expected a value")
        default:
            value = try scanBareValue()
        }
        return (start..<position, value)
    }

    private mutating func scanBareValue() throws(TOMLScanError) -> TOMLLayout.Value {
        let start = position
        while let byte = peek(), !Self.endsBareValue(byte) { position += 1 }
        // A date and time may be separated by one space: `1979-05-27 07:32:00Z`.
        if position - start == 10, peek() == UInt8(ascii: " "), let next = peek(1),
           (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next), bytes[start + 4] == UInt8(ascii: "-") {
            position += 1
            while let byte = peek(), !Self.endsBareValue(byte) { position += 1 }
        }
        guard position > start else { throw fail("expected a value") }
        switch String(decoding: bytes[start..<position], as: UTF8.self) {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: return .other
        }
    }

    private static func endsBareValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","),
             UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            true
        default:
            false
        }
    }

    private mutating func skipArray() throws(TOMLScanError) {
        position += 1
        while true {
            try skipTrivia()
            if peek() == UInt8(ascii: "]") { position += 1; return }
            _ = try scanValue(path: nil)
            try skipTrivia()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return
            default: throw fail("expected `,` or `]` in an array")
            }
        }
    }

    private mutating func scanInlineTable(path: [String]?) throws(TOMLScanError) {
        let open = position
        position += 1
        let index = inlineTables.count
        if let path { inlineTables.append(TOMLLayout.InlineTable(path: path, openBrace: open, closeBrace: open)) }
        while true {
            try skipTrivia()
            if peek() == UInt8(ascii: "}") { break }
            let keyStart = position
            let key = try scanKeyPath()
            try expect("=")
            skipBlanks()
            let (range, value) = try scanValue(path: path.map { $0 + key })
            if let path {
                entries.append(TOMLLayout.Entry(
                    path: path + key, keyStart: keyStart, valueRange: range, value: value,
                    lineRange: keyStart..<range.upperBound, container: .inlineTable(index)))
            }
            try skipTrivia()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): break
            default: throw fail("expected `,` or `}` in an inline table")
            }
            if peek() == UInt8(ascii: "}") { break }
        }
        if path != nil { inlineTables[index].closeBrace = position }
        position += 1
    }

    // MARK: Strings

    private mutating func scanLiteralString() throws(TOMLScanError) -> String {
        position += 1
        let start = position
        while let byte = peek(), byte != UInt8(ascii: "'") {
            if byte == UInt8(ascii: "\n") { throw fail("newline in a literal string") }
            position += 1
        }
        guard peek() != nil else { throw fail("unterminated literal string") }
        defer { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func scanBasicString() throws(TOMLScanError) -> String {
        position += 1
        var decoded: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("unterminated string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\n"):
                throw fail("newline in a string")
            case UInt8(ascii: "\\"):
                try decodeEscape(into: &decoded)
            default:
                decoded.append(byte)
            }
        }
    }

    private mutating func decodeEscape(into decoded: inout [UInt8]) throws(TOMLScanError) {
        guard let byte = peek() else { throw fail("unterminated escape") }
        position += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "e"): 0x1B, UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C,
        ]
        if let replacement = simple[byte] {
            decoded.append(replacement)
            return
        }
        let digits: Int
        switch byte {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: throw fail("unknown escape sequence")
        }
        guard position + digits <= bytes.count,
              let value = UInt32(String(decoding: bytes[position..<(position + digits)], as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(value)
        else { throw fail("invalid unicode escape") }
        position += digits
        decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Multi-line strings are never values the planner reads; they only need to be skipped.
    private mutating func skipMultilineString(quote: UInt8) throws(TOMLScanError) {
        position += 3
        while let byte = peek() {
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                position += 3
                // Up to two more quotes belong to the content: `"""a"""""`.
                var extra = 0
                while extra < 2, peek() == quote { position += 1; extra += 1 }
                return
            }
            position += 1
        }
        throw fail("unterminated multi-line string")
    }

    // MARK: Whitespace, comments, line ends

    private mutating func skipBlanks() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
    }

    private mutating func skipComment() {
        while let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { position += 1 }
    }

    /// Blanks, newlines and comments, as allowed between array elements.
    private mutating func skipTrivia() throws(TOMLScanError) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): position += 1
            case UInt8(ascii: "\r"):
                guard peek(1) == UInt8(ascii: "\n") else { throw fail("carriage return without line feed") }
                position += 2
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    /// After a header or value: blanks, an optional comment, then a line break or the end.
    private mutating func finishLine() throws(TOMLScanError) {
        skipBlanks()
        if peek() == UInt8(ascii: "#") { skipComment() }
        switch peek() {
        case nil: return
        case UInt8(ascii: "\n"): position += 1
        case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"): position += 2
        default: throw fail("expected the end of the line")
        }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(TOMLScanError) {
        skipBlanks()
        guard peek() == UInt8(ascii: character) else { throw fail("expected `\(character)`") }
        position += 1
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < bytes.count ? bytes[position + ahead] : nil
    }

    private func startsWith(_ text: String) -> Bool {
        bytes[position...].starts(with: text.utf8)
    }

    private func fail(_ reason: String) -> TOMLScanError {
        TOMLScanError(offset: position, reason: reason)
    }
}
