import AsyncHTTPClient
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import MimoSimulatorServer
import MimoUpstream
import NIOCore
import ProxyServer
import ResponsesTranslation
import Synchronization
import Testing
import TestSupport

/// The daemon's own listener (`HTTPListenerService`) on a real listening socket, as systemd would pass
/// it: concurrent streams through the real `MimoClient` all complete, each served on its connection's
/// event loop (a large body is handled on the global pool instead), and cancelling the service ends
/// it. (The other suites use Hummingbird's test server, which does not go through this listener; here
/// the sanitizers see the event-loop executor.)
@Suite(.serialized) struct HTTPListenerServiceTests {
    /// Records, for each call, its body size and whether it was opened on its connection's loop.
    final class AffinityProbe: ChatUpstream {
        let inner: any ChatUpstream
        let seen = Mutex<[(bytes: Int, onLoop: Bool?)]>([])

        init(_ inner: any ChatUpstream) { self.inner = inner }

        func open(_ call: UpstreamCall) async throws(UpstreamCallFailure) -> UpstreamChunks {
            let onLoop = ConnectionAffinity.executor.map { $0.eventLoop.inEventLoop }
            seen.withLock { $0.append((call.bodySizeHint, onLoop)) }
            return try await inner.open(call)
        }
    }

    /// A loopback TCP socket, bound to a free port and listening, as systemd would pass one in.
    static func listeningSocket() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(fd, 64) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func concurrentStreamsRunOnTheirConnectionsLoop() async throws {
        try await Self.withSimulator { simulator, client, logger in
            let probe = AffinityProbe(client)
            // The handler resolves the key while it interprets the body: where it runs, the parsing ran.
            let handlerOnLoop = Mutex<[Bool]>([])
            let dependencies = ProxyDependencies(
                upstream: probe, archive: InMemoryResponseArchive(), models: ModelSelection(configured: "mimo-v2.6-pro"), logger: logger,
                settings: ProxySettings(keepaliveInterval: .seconds(5)),
                resolveKey: { header in
                    let onLoop = ConnectionAffinity.executor?.eventLoop.inEventLoop ?? false
                    handlerOnLoop.withLock { $0.append(onLoop) }
                    return header("Authorization").map { MimoAPIKey(value: String($0.dropFirst(7)), source: .request(header: "Authorization")) }
                },
                missingKeyMessage: "no key")
            try await Self.serving(dependencies, logger: logger) { port in
                // One history above `ConnectionAffinity.largeBodyBytes`: parsed and serialized off the loop.
                let large = String(repeating: "a long history ", count: 12_000)
                let texts = (0..<12).map { "hello \($0)" } + ["SIM_PATCH notes.txt " + String(repeating: "abc", count: 2000), large]
                let lastEvents = try await withThrowingTaskGroup(of: JSONValue?.self) { group in
                    for text in texts {
                        group.addTask { try await Self.lastEvent(port: port, text: text) }
                    }
                    return try await group.reduce(into: [JSONValue?]()) { $0.append($1) }
                }
                #expect(lastEvents.count == texts.count)
                #expect(lastEvents.allSatisfy { $0?["type"] == "response.completed" }, "\(lastEvents.map { $0?["type"] ?? "none" })")
                let answered = await simulator.recordedRequests().compactMap { $0["status"]?.intValue }
                #expect(answered.count == texts.count && answered.allSatisfy { $0 == 200 })
                let seen = probe.seen.withLock { $0 }
                #expect(seen.count == texts.count)
                #expect(seen.allSatisfy { $0.onLoop == ($0.bytes <= ConnectionAffinity.largeBodyBytes) },
                        "small bodies opened on their connection's loop, the large one off it: \(seen)")
                let handlers = handlerOnLoop.withLock { $0 }
                #expect(handlers.count == texts.count)
                #expect(handlers.filter { !$0 }.count == 1, "only the large body was interpreted off the loop: \(handlers)")

                // A small body that replays a stored conversation is heavy too: interpreted off the loop.
                let stored = try await Self.lastEvent(port: port, text: "remember 42", store: true)
                let storedID = try #require(stored?["response"]?["id"]?.stringValue)
                let chained = try await Self.lastEvent(port: port, text: "what was it?", previous: storedID)
                #expect(chained?["type"] == "response.completed")
                #expect(handlerOnLoop.withLock { Array($0.suffix(2)) } == [true, false])
                #expect(probe.seen.withLock { $0.suffix(2).map(\.onLoop) } == [true, false])
            }
        }
    }

    /// The simulator and a `MimoClient` for it (up to 8 streams at once) while `body` runs.
    static func withSimulator(_ body: (RunningMimoSimulator, MimoClient, Logger) async throws -> Void) async throws {
        var logger = Logger(label: "listener-test")
        logger.logLevel = .critical
        try await MimoClientTests.with(admission: AdmissionConfiguration(maxConcurrent: 8, minSpacing: .zero)) { simulator, client in
            try await body(simulator, client, logger)
        }
    }

    /// The listener serving `dependencies` on a fresh loopback socket while `body` runs; then
    /// cancelling the service ends it.
    static func serving(_ dependencies: ProxyDependencies, logger: Logger,
                        _ body: (_ port: Int) async throws -> Void) async throws {
        let (fd, port) = try listeningSocket()
        let service = HTTPListenerService(listeningFD: fd, responder: ProxyRouter.build(dependencies).buildResponder(), logger: logger)
        let serving = Task { try await service.run() }
        do {
            try await body(port)
        } catch {
            serving.cancel()
            _ = await serving.result
            throw error
        }
        serving.cancel()
        let ended = await serving.result
        if case .failure(let error) = ended { #expect(error is CancellationError, "the listener ended with \(error)") }
    }

    /// The proxy over `client`, with the key from the request.
    static func dependencies(_ client: MimoClient, logger: Logger) -> ProxyDependencies {
        ProxyDependencies(
            upstream: client, archive: InMemoryResponseArchive(), models: ModelSelection(configured: "mimo-v2.6-pro"), logger: logger,
            settings: ProxySettings(keepaliveInterval: .seconds(5)),
            resolveKey: { _ in MimoAPIKey(value: MimoClientTests.key, source: .request(header: "Authorization")) }, missingKeyMessage: "no key")
    }

    /// A streamed answer in as few writes as its arrival allows: Codex's first read holds the response
    /// head and the opening events, and its read of the last events holds the end of the response too.
    /// (Hummingbird alone flushes the head, and the chunked terminator, each on its own.)
    @Test func theHeadTravelsWithTheFirstEventsAndTheEndWithTheLast() async throws {
        try await Self.withSimulator { _, client, logger in
            try await Self.serving(Self.dependencies(client, logger: logger), logger: logger) { port in
                let body = #"{"model":"mimo-v2.6-pro","stream":true,"input":"hello"}"#
                let request = "POST /v1/responses HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                    + "content-length: \(body.utf8.count)\r\n\r\n" + body
                for _ in 0..<3 {
                    let reads = try Self.rawReads(port: port, request: Array(request.utf8)).map { String(decoding: $0, as: UTF8.self) }
                    let first = try #require(reads.first)
                    #expect(first.hasPrefix("HTTP/1.1 200"))
                    #expect(first.contains("event: response.created"), "the first read: \(first.prefix(300))")
                    let last = try #require(reads.last { $0.contains("event: response.completed") })
                    #expect(last.hasSuffix("\r\n0\r\n\r\n"), "the read with the last events ends the response")
                }
            }
        }
    }

    /// Each write of a stream leaves at once. Linux does not pass the listening socket's TCP_NODELAY on
    /// to the sockets it accepts, and with Nagle on a stream's second write waited for Codex's ACK of
    /// the first, which a keep-alive client delays up to 40 ms (docs/PERFORMANCE.md, "First content token").
    @Test func acceptedConnectionsSendWithoutNagle() async throws {
        try await Self.withSimulator { _, client, logger in
            try await Self.serving(Self.dependencies(client, logger: logger), logger: logger) { port in
                let fd = try Self.connected(port: port)
                defer { close(fd) }
                // An answered request: the connection has been accepted and set up.
                let request = Array("GET /v1/models HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n".utf8)
                try #require(request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) } == request.count)
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                try #require(buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } > 0)
                // The listener runs in this process: its end of the connection is one of our descriptors.
                let serverEnd = try #require(Self.descriptor(localPort: port, peerPort: try Self.localPort(of: fd)),
                                             "the accepted socket among this process's descriptors")
                var noDelay: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                try #require(getsockopt(serverEnd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, &length) == 0)
                #expect(noDelay != 0, "TCP_NODELAY on the accepted socket")
            }
        }
    }

    /// A blocking loopback socket connected to `port` (answers time out after 10 s).
    static func connected(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 { close(fd) }
        try #require(connected == 0)
        return fd
    }

    static func localPort(of fd: Int32) throws -> Int {
        try #require(port(of: fd, peer: false))
    }

    /// The port of a TCP socket's own (or its peer's) address, or nil for a descriptor that has none.
    static func port(of fd: Int32, peer: Bool) -> Int? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { peer ? getpeername(fd, $0, &length) : getsockname(fd, $0, &length) }
        }
        guard status == 0, address.sin_family == sa_family_t(AF_INET) else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// This process's descriptor of the TCP connection between `localPort` and `peerPort`.
    static func descriptor(localPort: Int, peerPort: Int) throws -> Int32? {
        let names = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return names.compactMap(Int32.init).first { fd in
            port(of: fd, peer: false) == localPort && port(of: fd, peer: true) == peerPort
        }
    }

    /// Sends one request over a plain blocking socket and returns what each `recv` returned, up to the
    /// chunked body's terminator (or 10 s of silence).
    static func rawReads(port: Int, request: [UInt8]) throws -> [[UInt8]] {
        let fd = try connected(port: port)
        defer { close(fd) }
        try #require(request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) } == request.count)
        var reads: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for _ in 0..<10_000 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            reads.append(Array(buffer[..<count]))
            if reads.last?.count ?? 0 >= 5, Array(reads.last!.suffix(5)) == Array("0\r\n\r\n".utf8) { break }
        }
        return reads
    }

    static func lastEvent(port: Int, text: String, store: Bool = false, previous: String? = nil) async throws -> JSONValue? {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/responses")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "authorization", value: "Bearer \(MimoClientTests.key)")
        let tools: JSONValue = [["type": "function", "name": "apply_patch",
                                 "parameters": ["type": "object", "properties": ["input": ["type": "string"]]]]]
        var body: JSONValue = ["model": "mimo-v2.6-pro", "stream": true, "store": .bool(store), "tools": tools, "input": .string(text)]
        if let previous, case .object(var object) = body {
            object["previous_response_id"] = .string(previous)
            body = .object(object)
        }
        request.body = .bytes(ByteBuffer(bytes: body.serializedBytes()))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status.code == 200)
        let bytes = try await response.body.collect(upTo: 8 << 20)
        return try ServerSentEventBody.payloads(String(buffer: bytes)).last
    }
}
