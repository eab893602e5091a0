import Hummingbird
import HummingbirdTesting
@testable import MimoSimulatorServer
import NIOCore
import ResponsesTranslation
import TestSupport

/// Ways to reach a simulator in tests: in process through HummingbirdTesting's router client, or over a
/// real loopback port with `LoopbackConnection`.
enum SimulatorHarness {
    /// Runs `body` against the simulator's router, without sockets.
    @discardableResult
    static func withRouter<Value: Sendable>(
        _ options: MimoSimulatorOptions = MimoSimulatorOptions(),
        _ body: @Sendable (any TestClientProtocol, SimulatorState) async throws -> Value
    ) async throws -> Value {
        let state = SimulatorState(maxRecordedRequests: options.maxRecordedRequests, maxRecordedBodyBytes: options.maxRecordedBodyBytes)
        let application = Application(router: SimulatorRouter.make(options: options, state: state))
        return try await application.test(.router) { client in try await body(client, state) }
    }

    /// Runs `body` against a real simulator on a loopback port, stopping it afterwards.
    @discardableResult
    static func withLiveSimulator<Value: Sendable>(
        _ options: MimoSimulatorOptions = MimoSimulatorOptions(),
        _ body: @Sendable (RunningMimoSimulator) async throws -> Value
    ) async throws -> Value {
        let simulator = try await RunningMimoSimulator.start(options)
        do {
            let value = try await body(simulator)
            await simulator.stop()
            return value
        } catch {
            await simulator.stop()
            throw error
        }
    }

    static let bearer: HTTPFields = [.authorization: "Bearer sk-test-key", .contentType: "application/json"]

    /// A chat request through the router client.
    static func postChat(_ client: any TestClientProtocol, _ body: JSONValue, headers: HTTPFields = bearer,
                         path: String = "/v1/chat/completions") async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body.serialized()))
    }

    /// One request over a fresh loopback connection; the whole answer as the client receives it.
    static func exchange(port: Int, method: String = "POST", path: String = "/v1/chat/completions",
                         headers: [String: String] = ["Authorization": "Bearer sk-test-key"], body: String? = nil) async throws -> RawHTTPResponse {
        let connection = try await LoopbackConnection.open(port: port)
        defer { connection.close() }
        try await connection.send(requestBytes(method: method, path: path, headers: headers, body: body))
        return try RawHTTPResponse(bytes: try await connection.readToEnd())
    }

    static func requestBytes(method: String, path: String, headers: [String: String], body: String?) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        return Array((head + "\r\n" + (body ?? "")).utf8)
    }

    /// Polls the simulator's health until `condition` holds; bounded at about ten seconds.
    static func waitForHealth(port: Int, _ condition: @Sendable (JSONValue) -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if let health = try await exchange(port: port, method: "GET", path: "/__sim/health").json, condition(health) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: JSONValue? { try? JSONValue.parse(text) }
    /// The JSON chunks of an SSE body; a frame that does not parse fails the test.
    var chunks: [JSONValue] {
        get throws { try ServerSentEventBody.payloads(text) }
    }
}
