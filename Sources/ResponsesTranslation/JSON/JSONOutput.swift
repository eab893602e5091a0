/// Where the serializer puts bytes: a growing array, or fixed memory it must not overrun. Generic, so
/// each is specialised and the per-byte calls inline.
protocol JSONOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONOutput {
    mutating func append(contentsOf literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func append(string: String) {
        var string = string
        string.withUTF8 { append($0) }
    }
}

extension Array: JSONOutput where Element == UInt8 {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

/// Fixed memory: writes stop at `capacity` and set `overflowed`; the caller then falls back to an array.
struct FixedJSONOutput: JSONOutput {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0
    private(set) var overflowed = false

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        guard count < capacity else { overflowed = true; return }
        base[count] = byte
        count &+= 1
    }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        guard capacity &- count >= bytes.count else { overflowed = true; return }
        (base + count).update(from: source, count: bytes.count)
        count &+= bytes.count
    }
}
