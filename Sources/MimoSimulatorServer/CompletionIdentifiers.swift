/// Ids in MiMo's style, derived from a serial number so a run is reproducible: a bare 32-digit hex
/// completion id (not `chatcmpl-…`, mimo-api.md §5) and `call_…` tool-call ids.
struct CompletionIdentifiers: Sendable {
    let serial: UInt64

    var completionID: String {
        Self.hex(Self.mix(serial &* 2)) + Self.hex(Self.mix(serial &* 2 &+ 1))
    }

    func toolCallID(_ index: Int) -> String {
        "call_" + String(Self.hex(Self.mix(serial &* 64 &+ UInt64(index) &+ 0x5151)).prefix(24))
    }

    /// SplitMix64's finalizer: spreads consecutive serials over the whole range.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
