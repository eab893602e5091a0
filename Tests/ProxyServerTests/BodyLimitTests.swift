import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import ProxyServer
import ResponsesTranslation
import Testing

/// The body limit over a real socket, both ways a client can send a body: with a `Content-Length`
/// (refused before a byte of the body is read) and chunked (refused once the limit is crossed). Both
/// get the same OpenAI-style 413, and a body within the limit still gets through.
@Suite struct BodyLimitTests {
    static let limit = 2048

    enum Framing: String, CaseIterable, Sendable { case contentLength = "Content-Length", chunked }

    static func send(_ text: String, framing: Framing, port: Int) async throws -> (status: UInt, body: JSONValue?) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/responses")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "authorization", value: "Bearer sk-test")
        let bytes = ByteBuffer(string: text)
        switch framing {
        case .contentLength:
            request.body = .bytes(bytes)
        case .chunked:
            // An unknown length makes AsyncHTTPClient send `Transfer-Encoding: chunked`.
            let parts = stride(from: 0, to: bytes.readableBytes, by: 512).map { bytes.getSlice(at: $0, length: min(512, bytes.readableBytes - $0))! }
            let stream = AsyncStream<ByteBuffer> { continuation in
                for part in parts { continuation.yield(part) }
                continuation.finish()
            }
            request.body = .stream(stream, length: .unknown)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, try? JSONValue.parse(String(buffer: body)))
    }

    @Test(arguments: Framing.allCases)
    func anOversizedBodyGetsA413(_ framing: Framing) async throws {
        let upstream = ScriptedUpstream([.chunks(ScriptedUpstream.answer("fits"))])
        let app = Application(router: ProxyRouter.build(TestProxy.dependencies(upstream, maxBodyBytes: Self.limit)),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let big = #"{"model":"mimo-v2.6-flash","input":""# + String(repeating: "a", count: 4 * Self.limit) + #""}"#
            let refused = try await Self.send(big, framing: framing, port: port)
            #expect(refused.status == 413)
            #expect(refused.body?["error"]?["code"] == "request_too_large")
            #expect(refused.body?["error"]?["message"]?.stringValue?.contains("\(Self.limit) bytes") == true)

            let fits = try await Self.send(#"{"model":"mimo-v2.6-flash","input":"hi"}"#, framing: framing, port: port)
            #expect(fits.status == 200)
            #expect(fits.body?["status"] == "completed")
        }
        #expect(await upstream.calls.count == 1, "only the request within the limit reached MiMo")
    }
}
