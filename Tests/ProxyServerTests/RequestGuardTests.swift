@testable import ProxyServer
import Testing

@Suite struct RequestGuardTests {
    let guardrail = RequestGuard()

    func check(host: String? = "127.0.0.1:9876", origin: String? = nil, site: String? = nil,
               type: String? = "application/json", encoding: String? = nil, method: String = "POST") -> Int? {
        guardrail.check(method: method, host: host, origin: origin, secFetchSite: site, contentType: type,
                        contentEncoding: encoding, hasBody: method == "POST")?.httpStatus
    }

    @Test(arguments: ["127.0.0.1:9876", "127.0.0.1", "127.10.20.30:80", "localhost:9876", "LOCALHOST", "[::1]:9876", "[::1]", "::1"])
    func loopbackHostsPass(host: String) { #expect(check(host: host) == nil) }

    @Test(arguments: ["evil.example", "evil.example:9876", "192.168.1.10:9876", "127.0.0.1.evil.example", "localhost.evil.example", "[fe80::1]:9876", "0.0.0.0"])
    func otherHostsAreRefused(host: String) { #expect(check(host: host) == 403) }

    @Test func extraHostsCanBeAllowed() {
        let lan = RequestGuard(extraAllowedHosts: ["192.168.1.10"])
        #expect(lan.check(method: "GET", host: "192.168.1.10:9876", origin: nil, secFetchSite: nil, contentType: nil,
                          contentEncoding: nil, hasBody: false) == nil)
    }

    @Test func browserRequestsAreRefused() {
        #expect(check(origin: "http://127.0.0.1:3000") == 403)
        #expect(check(site: "same-site") == 403)
        #expect(check(site: "none") == nil)  // typed into the address bar: not a page acting on its own
    }

    @Test func onlyUncompressedJSONBodies() {
        #expect(check(type: "application/json; charset=utf-8") == nil)
        #expect(check(type: nil) == nil)
        #expect(check(type: "text/plain") == 415)
        #expect(check(type: "application/x-www-form-urlencoded") == 415)
        #expect(check(encoding: "zstd") == 415)
        #expect(check(encoding: "identity") == nil)
        #expect(check(type: "text/plain", method: "GET") == nil)
    }
}
