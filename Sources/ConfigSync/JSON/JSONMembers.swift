/// The byte ranges of the members of a JSON object, found without rebuilding the text, so one
/// value can be replaced while every other byte (order, spacing, escapes) stays as written.
/// Meaning is read with ResponsesTranslation's parser; this only locates.
struct JSONMembers: Sendable {
    struct Member: Sendable, Equatable {
        var key: String
        var keyRange: Range<Int>
        var valueRange: Range<Int>
    }

    var members: [Member]
    var openBrace: Int
    var closeBrace: Int

    struct Failure: Error, Sendable, Equatable {
        var offset: Int
        var reason: String
    }

    /// The top-level members of the object that makes up `bytes` (whitespace around it allowed).
    static func locate(in bytes: [UInt8]) throws(Failure) -> JSONMembers {
        var cursor = JSONCursor(bytes: bytes)
        cursor.skipWhitespace()
        guard cursor.peek() == UInt8(ascii: "{") else { throw Failure(offset: cursor.position, reason: "expected an object") }
        let open = cursor.position
        cursor.position += 1
        var members: [Member] = []
        cursor.skipWhitespace()
        if cursor.peek() == UInt8(ascii: "}") {
            return JSONMembers(members: [], openBrace: open, closeBrace: cursor.position)
        }
        while true {
            cursor.skipWhitespace()
            let keyStart = cursor.position
            let key = try cursor.string()
            let keyRange = keyStart..<cursor.position
            cursor.skipWhitespace()
            try cursor.expect(":")
            cursor.skipWhitespace()
            let valueStart = cursor.position
            try cursor.skipValue()
            members.append(Member(key: key, keyRange: keyRange, valueRange: valueStart..<cursor.position))
            cursor.skipWhitespace()
            switch cursor.peek() {
            case UInt8(ascii: ","): cursor.position += 1
            case UInt8(ascii: "}"): return JSONMembers(members: members, openBrace: open, closeBrace: cursor.position)
            default: throw Failure(offset: cursor.position, reason: "expected `,` or `}`")
            }
        }
    }

    func member(_ key: String) -> Member? { members.last { $0.key == key } }
}

/// A position in JSON text with just enough grammar to step over values.
struct JSONCursor {
    let bytes: [UInt8]
    var position = 0

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    mutating func expect(_ character: Unicode.Scalar) throws(JSONMembers.Failure) {
        guard peek() == UInt8(ascii: character) else {
            throw JSONMembers.Failure(offset: position, reason: "expected `\(character)`")
        }
        position += 1
    }

    /// A string token, decoded.
    mutating func string() throws(JSONMembers.Failure) -> String {
        let start = position
        try skipString()
        do {
            return try JSONStringText.decode(bytes, range: start..<position).text
        } catch {
            throw JSONMembers.Failure(offset: start, reason: "invalid string")
        }
    }

    mutating func skipString() throws(JSONMembers.Failure) {
        try expect("\"")
        while let byte = peek() {
            position += 1
            if byte == UInt8(ascii: "\\") { position += 1 } else if byte == UInt8(ascii: "\"") { return }
        }
        throw JSONMembers.Failure(offset: position, reason: "unterminated string")
    }

    mutating func skipValue() throws(JSONMembers.Failure) {
        switch peek() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "\""): try skipString(); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                position += 1
                if depth == 0 { return }
            }
            throw JSONMembers.Failure(offset: position, reason: "unterminated object or array")
        default:
            let start = position
            while let byte = peek(), !(byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                                      || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
                position += 1
            }
            guard position > start else { throw JSONMembers.Failure(offset: position, reason: "expected a value") }
        }
    }
}
