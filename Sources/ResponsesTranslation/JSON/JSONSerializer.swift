extension JSONValue {
    /// Compact JSON text: members in order, no insignificant whitespace, `/` and non-ASCII unescaped.
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `capacity` is a guess at the size; a good one (a large request's own size) spares the copies
    /// and page faults of growing the array step by step.
    public func serializedBytes(capacity: Int = 256) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        write(into: &out)
        return out
    }

    /// Human-readable JSON with two-space indentation, for golden files and `--print` output.
    public func prettyPrinted() -> String {
        var out: [UInt8] = []
        writePretty(into: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    public func write(into out: inout [UInt8]) {
        write(to: &out)
    }

    /// Writes compact JSON straight into `memory` and returns how many bytes it took, or nil when
    /// `memory` is too small (what it holds is then unspecified). A large request body is written
    /// this way into the buffer that goes to MiMo, without an array in between.
    public func write(into memory: UnsafeMutableRawBufferPointer) -> Int? {
        let bytes = memory.bindMemory(to: UInt8.self)
        guard let base = bytes.baseAddress else { return nil }
        var out = FixedJSONOutput(base: base, capacity: bytes.count)
        write(to: &out)
        return out.overflowed ? nil : out.count
    }

    func write<Output: JSONOutput>(to out: inout Output) {
        switch self {
        case .null: out.append(contentsOf: "null")
        case .bool(let b): out.append(contentsOf: b ? "true" : "false")
        case .number(let literal): out.append(string: literal)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func writePretty(into out: inout [UInt8], indent: Int) {
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
        }
        switch self {
        case .array(let items) where !items.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                item.writePretty(into: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                JSONValue.writeString(member.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                member.value.writePretty(into: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        default:
            write(into: &out)
        }
    }

    /// Writes `s` as a JSON string literal. Runs of bytes that need no escape are found eight bytes at a
    /// time and copied in one go.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        writeString(s, to: &out)
    }

    static func writeString<Output: JSONOutput>(_ s: String, to out: inout Output) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let count = bytes.count
            var runStart = 0
            var i = 0
            while i < count {
                if i &+ 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    let special = JSONByteScan.specialBytes(word)
                    if special == 0 {
                        i &+= 8
                        continue
                    }
                    i &+= special.trailingZeroBitCount >> 3
                } else {
                    let b = bytes[i]
                    if b >= 0x20 && b != 0x22 && b != 0x5C {
                        i &+= 1
                        continue
                    }
                }
                if runStart < i { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                appendEscape(bytes[i], to: &out)
                i &+= 1
                runStart = i
            }
            if runStart < count { out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escape for `"`, `\` or a control character.
    private static func appendEscape<Output: JSONOutput>(_ b: UInt8, to out: inout Output) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(contentsOf: "\\u00")
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0xF)])
        }
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { serialized() }
}
