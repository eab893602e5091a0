import ResponsesTranslation
/// Decides whether a request may reach the proxy at all. The daemon holds the user's MiMo key, so a
/// web page must not be able to use it: requests whose `Host` is not a loopback name (DNS
/// rebinding) or that carry browser `Origin`/`Sec-Fetch-Site` headers are refused, and only JSON
/// bodies without content encodings are accepted.
public struct RequestGuard: Sendable, Equatable {
    /// Host names accepted besides loopback ones (e.g. the address given with --allow-non-loopback).
    public var extraAllowedHosts: Set<String>

    public init(extraAllowedHosts: Set<String> = []) {
        self.extraAllowedHosts = Set(extraAllowedHosts.map { $0.lowercased() })
    }

    public func check(method: String, host: String?, origin: String?, secFetchSite: String?,
                      contentType: String?, contentEncoding: String?, hasBody: Bool) -> OpenAIErrorResponse? {
        if let host, !isAllowed(host: host) {
            return OpenAIErrorResponse(.forbiddenHost, message: "Host '\(host)' is not a loopback name. ccmimolinkd only answers requests addressed to 127.0.0.1, [::1] or localhost (this blocks DNS-rebinding pages from using your MiMo key).")
        }
        if let origin, !origin.isEmpty {
            return OpenAIErrorResponse(.forbiddenOrigin, message: "Requests from web pages (Origin: \(origin)) are refused: a browser tab must not be able to spend your MiMo quota.")
        }
        if let site = secFetchSite?.lowercased(), site != "none" {
            return OpenAIErrorResponse(.forbiddenOrigin, message: "Requests sent by a browser (Sec-Fetch-Site: \(site)) are refused: a web page must not be able to spend your MiMo quota.")
        }
        guard method == "POST", hasBody else { return nil }
        if let encoding = contentEncoding?.lowercased(), !encoding.isEmpty, encoding != "identity" {
            return OpenAIErrorResponse(.unsupportedContentEncoding, message: "Content-Encoding '\(encoding)' is not supported; send the JSON body uncompressed.")
        }
        if let contentType {
            let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
                $0.trimmedWhitespace.lowercased()
            } ?? ""
            if mediaType != "application/json" && !mediaType.hasSuffix("+json") {
                return OpenAIErrorResponse(.unsupportedMediaType, message: "Content-Type '\(contentType)' is not supported; send 'application/json'.")
            }
        }
        return nil
    }

    func isAllowed(host rawHost: String) -> Bool {
        let host = Self.hostName(rawHost)
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        if extraAllowedHosts.contains(host) { return true }
        let octets = host.split(separator: ".")
        if octets.count == 4, octets[0] == "127", octets.allSatisfy({ UInt8($0) != nil }) { return true }
        return false
    }

    /// The host name of a Host header value, without port or IPv6 brackets, lowercased.
    static func hostName(_ value: String) -> String { URLHost.name(value) }
}
