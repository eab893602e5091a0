import ResponsesTranslation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The address to bind: an IP literal or `localhost`. Hostnames are refused because what they
/// resolve to can change under the daemon, and the loopback check must judge the real address.
struct ListenAddress: Equatable {
    /// As it will be bound: IPv6 without brackets, `localhost` lowercased.
    var text: String
    var isLoopback: Bool

    static let conversion = ValueConversion<ListenAddress>.text(expected: "an IP address or localhost") { text in
        parse(text.trimmedWhitespace)
    }

    static func parse(_ written: String) -> Result<ListenAddress, ConversionFailure> {
        if written.lowercased() == "localhost" {
            return .success(ListenAddress(text: "localhost", isLoopback: true))
        }
        var text = written
        if text.hasPrefix("["), text.hasSuffix("]") {
            text = String(text.dropFirst().dropLast())
        }
        if let bytes = ipv4Bytes(text) {
            return .success(ListenAddress(text: text, isLoopback: bytes[0] == 127))
        }
        if let bytes = ipv6Bytes(text) {
            return .success(ListenAddress(text: text, isLoopback: isIPv6Loopback(bytes)))
        }
        if hasPort(written) {
            return .failure(.invalid(problem: "includes a port; set the port separately with \(SettingKey.port.waysToSet)"))
        }
        return .failure(.invalid(problem: """
            is not an IP address or localhost (hostnames are not resolved, so the bind address is exactly \
            what is written)
            """))
    }

    private static func hasPort(_ written: String) -> Bool {
        if written.hasPrefix("[") { return written.contains("]:") }
        return written.split(separator: ":").count == 2
    }

    private static func isIPv6Loopback(_ bytes: [UInt8]) -> Bool {
        let isOne = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
        // ::ffff:127.x.x.x reaches the IPv4 loopback.
        let isMappedLoopback = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
            && bytes[12] == 127
        return isOne || isMappedLoopback
    }

    // inet_pton is strict (no leading zeros or short forms like `127.1`), which is what a bind
    // address needs: no guessing what `010.0.0.1` means.
    private static func ipv4Bytes(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    private static func ipv6Bytes(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
