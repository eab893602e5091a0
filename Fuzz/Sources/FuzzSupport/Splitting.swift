/// SplitMix64: a tiny deterministic generator, so that the same input always splits the same way and a
/// reproducer replays exactly.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Cuts `0..<count` into consecutive non-empty ranges of at most `maxPiece` elements, chosen by `seed`.
/// Seed 0 means one piece: the unsplit case.
public func pieces(count: Int, seed: UInt64, maxPiece: Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    guard seed != 0 else { return [0..<count] }
    var generator = SplitMix64(seed: seed)
    var ranges: [Range<Int>] = []
    var start = 0
    while start < count {
        let length = Int.random(in: 1...max(1, maxPiece), using: &generator)
        let end = min(count, start + length)
        ranges.append(start..<end)
        start = end
    }
    return ranges
}

/// Reads a few control bytes from the front of an input; the rest is the payload.
public struct FuzzInput {
    public let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var position = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next byte, or 0 once the input is used up.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    public var remaining: UnsafeBufferPointer<UInt8>.SubSequence { bytes[min(position, bytes.count)...] }
}
