import AsyncHTTPClient
import Hummingbird
import NIOCore
@testable import ProxyServer

/// The proxy on a real loopback socket, for tests that watch a stream arrive over time (Hummingbird's
/// router test mode hands over the whole body at the end).
enum LiveProxy {
    static func app(_ upstream: ScriptedUpstream, keepalive: Duration) -> some ApplicationProtocol {
        Application(router: ProxyRouter.build(TestProxy.dependencies(upstream, keepalive: keepalive)),
                    configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// A streaming `POST /v1/responses` with a short text input.
    static func streamingRequest(port: Int) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/responses")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "authorization", value: "Bearer sk-test")
        request.body = .bytes(ByteBuffer(string: #"{"model":"mimo-v2.6-flash","stream":true,"input":"hi"}"#))
        return request
    }
}
