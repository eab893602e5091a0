/// Response, item and call identifiers. Random rather than time-based, so two responses started in the
/// same millisecond never collide. Every item id of one response carries that response's token
/// (`fc_<token>_<n>`), which lets a later request tell which replayed items came from the same
/// response when it rebuilds one assistant message per step.
public struct ResponseIdentifiers: Sendable, Equatable {
    public let token: String

    public init(token: String) { self.token = token }

    public static func random() -> ResponseIdentifiers { ResponseIdentifiers(token: randomHex(bytes: 12)) }

    public var responseID: String { "resp_\(token)" }

    public func itemID(prefix: String, index: Int) -> String { "\(prefix)_\(token)_\(index)" }

    /// The response token inside an item id this library produced, else nil (client or foreign ids).
    /// Runs for every replayed item of every request, so it scans UTF-8 bytes rather than Characters.
    public static func token(inItemID id: String) -> String? {
        let bytes = id.utf8
        guard let first = bytes.firstIndex(of: UInt8(ascii: "_")) else { return nil }
        let tokenStart = bytes.index(after: first)
        guard let second = bytes[tokenStart...].firstIndex(of: UInt8(ascii: "_")) else { return nil }
        let token = bytes[tokenStart..<second]
        let number = bytes[bytes.index(after: second)...]
        guard token.count == 24, token.allSatisfy(Self.isHexDigit),
              Int(Substring(number)) != nil, !number.contains(UInt8(ascii: "_")) else { return nil }
        return String(Substring(token))
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    /// Call ids are ours too (MiMo's may arrive late or not at all); unique because the token is.
    public func callID(index: Int) -> String { "call_\(token)_\(index)" }

    static func randomHex(bytes: Int) -> String {
        // Eight random bytes per draw: each draw is a getrandom(2) call, so a 12-byte token costs two.
        var generator = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(bytes * 2)
        let digits = Array("0123456789abcdef")
        var word: UInt64 = 0
        for index in 0..<bytes {
            if index % 8 == 0 { word = generator.next() }
            let b = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return out
    }
}
