import AsyncHTTPClient
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdTesting
import Logging
import MimoSimulatorServer
import MimoUpstream
import NIOCore
import NIOPosix
import ProxyServer
import ResponseStore
import ResponsesTranslation
import Testing
import TestSupport

/// Every way MiMo, the network or the client can fail one request, through the whole HTTP stack on a
/// real socket (real MimoClient, real SQLite store). Each case checks what the client sees — an HTTP
/// error with an OpenAI error body, or a stream that ends in exactly one terminal event — and that
/// nothing is left behind: no stream in flight, every admission slot free, the stored response absent
/// or complete, and the next request served normally.
@Suite(.serialized) struct FaultMatrixTests {
    enum Expected: Sendable {
        /// An HTTP error before any stream started, with this `error.code` and `Retry-After`.
        case http(status: Int, code: String, retryAfter: String)
        /// A 200 SSE stream whose last event has this type (and `response.error.code`, when given).
        case stream(String, code: String? = nil)
        /// The client hangs up mid-stream; it has seen the start of a stream and nothing final.
        case clientLeaves
        /// The client hangs up before any answer; it has seen nothing.
        case clientLeavesEarly
    }

    enum Reader: Sendable { case normal, slow, leavesAfterFirstDelta, leavesBeforeAnswer, resetsBeforeAnswer }

    /// Where the MiMo client is pointed for the faulted request (the next request always goes to the simulator).
    enum Upstream: Sendable { case simulator, refused, unresolvable, tlsToPlainHTTP, closesBeforeHeaders }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text = "hello"
        var faults: [SimulatedFault] = []
        var upstream = Upstream.simulator
        var reader = Reader.normal
        var expected: Expected
        /// Extra checks on the client's events.
        var check: (@Sendable ([JSONValue]) -> Void)?
        var testDescription: String { name }
    }

    /// Long enough (several hundred argument fragments) that the stream is still running when a
    /// client leaves, and large enough (~0.5 MB of SSE) that a slow reader exerts backpressure.
    static let longPatch = "SIM_PATCH notes.txt " + String(repeating: "abcdefghij", count: 3000)

    static let cases: [Case] = [
        // Before any byte: retried within the budget, then a real HTTP error (MimoClient's RetryPolicy).
        Case(name: "connect refused", upstream: .refused, expected: .http(status: 502, code: "upstream_unreachable", retryAfter: "2")),
        Case(name: "DNS failure", upstream: .unresolvable, expected: .http(status: 502, code: "upstream_unreachable", retryAfter: "2")),
        Case(name: "TLS failure", upstream: .tlsToPlainHTTP, expected: .http(status: 502, code: "upstream_unreachable", retryAfter: "2")),
        Case(name: "closed before headers", upstream: .closesBeforeHeaders,
             expected: .http(status: 502, code: "upstream_unreachable", retryAfter: "2")),
        Case(name: "429 with Retry-After", faults: [.status(429, retryAfter: "1"), .status(429, retryAfter: "1")],
             expected: .http(status: 429, code: "rate_limit_exceeded", retryAfter: "1")),
        // Without Retry-After our own backoff (50 ms here) is passed on, rounded up to a whole second.
        Case(name: "429 without Retry-After", faults: [.status(429), .status(429)],
             expected: .http(status: 429, code: "rate_limit_exceeded", retryAfter: "1")),
        Case(name: "500", faults: [.status(500), .status(500)], expected: .http(status: 502, code: "upstream_error", retryAfter: "2")),
        Case(name: "502", faults: [.status(502), .status(502)], expected: .http(status: 502, code: "upstream_error", retryAfter: "2")),
        Case(name: "503", faults: [.status(503), .status(503)], expected: .http(status: 503, code: "upstream_error", retryAfter: "2")),
        Case(name: "stall before headers", faults: [.stall(.seconds(30), phase: .beforeHeaders), .stall(.seconds(30), phase: .beforeHeaders)],
             expected: .http(status: 502, code: "upstream_unreachable", retryAfter: "2")),
        // After MiMo's 200: never retried, the stream ends in response.failed.
        Case(name: "cut after headers", faults: [.disconnect(after: .headers)], expected: .stream("response.failed", code: "server_error")),
        Case(name: "cut after reasoning", text: "SIM_FAULT_DISCONNECT_AFTER_REASONING hello",
             expected: .stream("response.failed", code: "server_error"),
             check: { events in #expect(events.contains { $0["type"] == "response.reasoning_summary_text.delta" }) }),
        Case(name: "cut mid tool-call arguments", text: "SIM_SHELL ls -la SIM_FAULT_DISCONNECT_AFTER_TOOL_ARGUMENTS",
             expected: .stream("response.failed", code: "server_error"),
             check: { events in
                 // Half a call must never reach Codex's history.
                 #expect(!events.contains { $0["type"] == "response.output_item.done" && $0["item"]?["type"] == "function_call" })
                 #expect(events.last?["response"]?["output"]?.arrayValue?.contains { $0["type"] == "function_call" } == false)
             }),
        Case(name: "cut after content", faults: [.disconnect(after: .content)], expected: .stream("response.failed", code: "server_error")),
        // A clean EOF after finish_reason counts as complete; usage is then all zeros, never partial.
        Case(name: "cut before usage", text: "SIM_FAULT_DISCONNECT_AFTER_FINISH hello", expected: .stream("response.completed"),
             check: { events in
                 #expect(events.last?["response"]?["usage"]?["total_tokens"] == 0)
                 #expect(events.last?["response"]?["output"]?.arrayValue?.last?["content"]?[0]?["text"] == "Hello from the MiMo simulator.")
             }),
        Case(name: "silent stall after headers", faults: [.stall(.seconds(30), phase: .afterHeaders)],
             expected: .stream("response.failed", code: "server_error")),
        Case(name: "garbage SSE line", text: "SIM_FAULT_GARBAGE_LINE hello", expected: .stream("response.completed"),
             check: { events in
                 #expect(events.last?["response"]?["output"]?.arrayValue?.last?["content"]?[0]?["text"] == "Hello from the MiMo simulator.")
             }),
        Case(name: "oversized SSE line", faults: [.oversizedLine()], expected: .stream("response.failed", code: "server_error")),
        Case(name: "error frame in the stream", text: "SIM_FAULT_ERROR_FRAME hello", expected: .stream("response.failed", code: "server_error")),
        Case(name: "slow-reading client", text: longPatch, reader: .slow, expected: .stream("response.completed"),
             check: { events in
                 let call = events.last?["response"]?["output"]?.arrayValue?.last
                 #expect(call?["name"] == "apply_patch")
                 #expect(call?["arguments"]?.stringValue?.count ?? 0 > 30000)
             }),
        Case(name: "client disconnects mid-stream", text: longPatch, reader: .leavesAfterFirstDelta, expected: .clientLeaves),
        // The client gives up while MiMo is still silent (inside the commit delay); MiMo answers later.
        Case(name: "client disconnects before the stream starts", faults: [.stall(.seconds(1), phase: .beforeHeaders)],
             reader: .leavesBeforeAnswer, expected: .clientLeavesEarly),
        // The same with a TCP reset, so the daemon's first write fails instead of landing in a buffer.
        Case(name: "client resets before the stream starts", faults: [.stall(.seconds(1), phase: .beforeHeaders)],
             reader: .resetsBeforeAnswer, expected: .clientLeavesEarly),
    ]

    static let tools: JSONValue = [
        ["type": "function", "name": "exec_command",
         "parameters": ["type": "object", "properties": ["cmd": ["type": "string"]], "required": ["cmd"]]],
        ["type": "function", "name": "apply_patch",
         "parameters": ["type": "object", "properties": ["input": ["type": "string"]], "required": ["input"]]],
    ]

    @Test(arguments: cases)
    func faultLeavesNothingBehind(_ fault: Case) async throws {
        // 300 ms between chunks keeps the long reply running for over a minute, so only a cancelled
        // upstream can free its slot within the settling bound below.
        let simulator = try await RunningMimoSimulator.start(
            MimoSimulatorOptions(chunkDelay: fault.reader == .leavesAfterFirstDelta ? .milliseconds(300) : .zero))
        let directory = try TemporaryDirectory()
        let store = try ResponseStore(directory: directory.path)
        let archive = SavedResponses(store: store)
        let gate = AdmissionGate(configuration: AdmissionConfiguration(maxConcurrent: 2, minSpacing: .zero, defaultBackoff: .milliseconds(50)))
        var logger = Logger(label: "fault-matrix")
        logger.logLevel = .critical
        let home = UpstreamEndpoint(mode: .standard, baseURLOverride: simulator.baseURL)
        // One retry, a small idle timeout: every case ends within seconds, far inside the commit delay,
        // so failures before MiMo's 200 always come back as HTTP errors.
        let upstream = MimoClient(endpoint: home, admission: gate,
                                  retryPolicy: RetryPolicy(maxRetries: 1, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100), maxTotalWait: .seconds(5)),
                                  connectTimeout: .seconds(2), idleTimeout: .milliseconds(1500), defaultBackoff: .milliseconds(50), logger: logger)
        let activity = ProxyActivity()
        let dependencies = ProxyDependencies(
            upstream: upstream, archive: archive, models: ModelSelection(configured: "mimo-v2.6-pro"), logger: logger,
            settings: ProxySettings(keepaliveInterval: .seconds(1), commitDelay: .seconds(8)),
            resolveKey: { header in header("Authorization").map { MimoAPIKey(value: String($0.dropFirst(7)), source: .request(header: "Authorization")) } },
            missingKeyMessage: "no key", activity: activity)
        let app = Application(router: ProxyRouter.build(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        var closer: (any Channel)?

        func cleanUp() async {
            try? await closer?.close()
            try? await upstream.shutdown()
            await simulator.stop()
            try? await store.close()
            withExtendedLifetime(directory) {}
        }
        do {
            switch fault.upstream {
            case .simulator: break
            case .refused: upstream.reroute(to: UpstreamEndpoint(mode: .standard, baseURLOverride: "http://127.0.0.1:\(try await Self.closedPort())/v1"))
            case .unresolvable: upstream.reroute(to: UpstreamEndpoint(mode: .standard, baseURLOverride: "http://mimo.invalid/v1"))
            case .tlsToPlainHTTP: upstream.reroute(to: UpstreamEndpoint(mode: .standard, baseURLOverride: "https://127.0.0.1:\(simulator.port)/v1"))
            case .closesBeforeHeaders:
                let channel = try await Self.closingListener()
                closer = channel
                upstream.reroute(to: UpstreamEndpoint(mode: .standard, baseURLOverride: "http://127.0.0.1:\(channel.localAddress?.port ?? 0)/v1"))
            }
            await simulator.enqueue(fault.faults)

            try await app.test(.live) { client in
                let port = try #require(client.port)
                let seen = try await Self.send(port: port, text: fault.text, reader: fault.reader)
                try await Self.judge(seen, fault: fault, store: store, saved: archive)

                // Nothing stuck: the bookkeeping may finish a moment after the client's last byte.
                try await Self.settled(activity: activity, gate: gate, fault.name)

                upstream.reroute(to: home)
                await simulator.clearFaults()
                let next = try await Self.send(port: port, text: "hello again", reader: .normal)
                #expect(next.status == 200, "\(fault.name): the next request")
                let last = try next.events.last
                #expect(last?["type"] == "response.completed", "\(fault.name): the next request")
                let id = try #require(last?["response"]?["id"]?.stringValue)
                #expect(try await store.response(id: id)?.status == "completed")
                try await Self.settled(activity: activity, gate: gate, fault.name)
            }
        } catch {
            await cleanUp()
            throw error
        }
        await cleanUp()
    }

    /// Regression: the stream used to store its response only after the final event went out, so a
    /// client asking for it (or chaining previous_response_id) at once could get a 404.
    @Test func aStreamedResponseIsStoredBeforeItsFinalEvent() async throws {
        let simulator = try await RunningMimoSimulator.start()
        let upstream = MimoClientTests.client(simulator)
        let archive = SlowArchive()
        var logger = Logger(label: "fault-matrix")
        logger.logLevel = .critical
        let dependencies = ProxyDependencies(
            upstream: upstream, archive: archive, models: ModelSelection(configured: "mimo-v2.6-pro"), logger: logger,
            settings: ProxySettings(keepaliveInterval: .seconds(5)),
            resolveKey: { header in header("Authorization").map { MimoAPIKey(value: String($0.dropFirst(7)), source: .request(header: "Authorization")) } },
            missingKeyMessage: "no key")
        let app = Application(router: ProxyRouter.build(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        do {
            try await app.test(.live) { client in
                let seen = try await Self.send(port: try #require(client.port), text: "hello", reader: .normal)
                #expect(try seen.events.last?["type"] == "response.completed")
                let id = try #require(seen.events.last?["response"]?["id"]?.stringValue)
                #expect(await archive.response(id: id)?.status == "completed", "stored by the time the client read the end")
            }
        } catch {
            try? await upstream.shutdown()
            await simulator.stop()
            throw error
        }
        try await upstream.shutdown()
        await simulator.stop()
    }

    /// An archive whose saves take a while, as SQLite's may under load.
    actor SlowArchive: ResponseArchive {
        let inner = InMemoryResponseArchive()

        func save(_ record: StoredResponse) async throws {
            try await Task.sleep(for: .milliseconds(500))
            await inner.save(record)
        }

        func response(id: String) async -> StoredResponse? { await inner.response(id: id) }
        func conversation(endingAt id: String) async -> [JSONValue]? { await inner.conversation(endingAt: id) }
    }

    // MARK: - Client

    struct Seen: Sendable {
        var status: Int
        var contentType: String?
        var retryAfter: String?
        var body: String

        var events: [JSONValue] {
            get throws { try ServerSentEventBody.payloads(body) }
        }
    }

    static func send(port: Int, text: String, reader: Reader) async throws -> Seen {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/responses")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "authorization", value: "Bearer \(MimoClientTests.key)")
        let body: JSONValue = ["model": "mimo-v2.6-pro", "stream": true, "store": true, "tools": tools, "input": .string(text)]
        request.body = .bytes(ByteBuffer(bytes: body.serializedBytes()))
        if reader == .resetsBeforeAnswer {
            try await sendThenReset(port: port, body: body.serializedBytes(), after: .milliseconds(300))
            return Seen(status: 0, contentType: nil, retryAfter: nil, body: "")
        }
        if reader == .leavesBeforeAnswer {
            // Cancelling the request closes its connection.
            let pending = Task { try await HTTPClient.shared.execute(request, timeout: .seconds(120)) }
            try await Task.sleep(for: .milliseconds(300))
            pending.cancel()
            let response = try? await pending.value
            return Seen(status: response.map { Int($0.status.code) } ?? 0, contentType: nil, retryAfter: nil, body: "")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        var seen = Seen(status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                        retryAfter: response.headers.first(name: "retry-after"), body: "")
        for try await buffer in response.body {
            seen.body += String(buffer: buffer)
            switch reader {
            case .normal, .leavesBeforeAnswer, .resetsBeforeAnswer: break
            case .slow: try await Task.sleep(for: .milliseconds(5))
            case .leavesAfterFirstDelta:
                // Returning drops the unread body, which closes the connection mid-stream.
                if seen.body.contains(".delta\"") { return seen }
            }
        }
        return seen
    }

    static let terminalTypes: Set<String> = ["response.completed", "response.incomplete", "response.failed"]

    static func judge(_ seen: Seen, fault: Case, store: ResponseStore, saved: SavedResponses) async throws {
        let name = fault.name
        switch fault.expected {
        case .http(let status, let code, let retryAfter):
            #expect(seen.status == status, "\(name)")
            #expect(seen.contentType == "application/json", "\(name)")
            #expect(seen.retryAfter == retryAfter, "\(name)")
            let error = (try? JSONValue.parse(seen.body))?["error"]
            #expect(error?["code"]?.stringValue == code, "\(name): \(seen.body.prefix(300))")
            #expect(error?["message"]?.stringValue?.isEmpty == false, "\(name)")
            #expect(error?["type"]?.stringValue != nil, "\(name)")
            // Nothing was answered, so nothing was stored.
            #expect(try await store.stats().count == 0, "\(name)")

        case .stream(let type, let code):
            let events = try seen.events
            #expect(seen.status == 200, "\(name)")
            #expect(seen.contentType?.hasPrefix("text/event-stream") == true, "\(name)")
            #expect(events.first?["type"] == "response.created", "\(name)")
            let terminal = events.filter { terminalTypes.contains($0["type"]?.stringValue ?? "") }
            #expect(terminal.count == 1, "\(name): exactly one terminal event")
            let last = try #require(events.last, "\(name)")
            #expect(last["type"]?.stringValue == type, "\(name): \(last["response"]?["error"].map { String(describing: $0) } ?? "")")
            if let code { #expect(last["response"]?["error"]?["code"]?.stringValue == code, "\(name)") }
            let numbers = events.compactMap { $0["sequence_number"]?.intValue }
            #expect(numbers == Array(0..<events.count), "\(name): numbered in order without gaps")
            fault.check?(events)
            // The store holds exactly what the client was told, or nothing.
            let id = try #require(events.first?["response"]?["id"]?.stringValue)
            if let stored = try await store.response(id: id) {
                #expect(stored.status == last["response"]?["status"]?.stringValue, "\(name)")
                #expect(stored.response == last["response"], "\(name)")
            }

        case .clientLeaves:
            let events = try seen.events
            #expect(seen.status == 200, "\(name)")
            #expect(events.first?["type"] == "response.created", "\(name)")
            #expect(!events.contains { terminalTypes.contains($0["type"]?.stringValue ?? "") }, "\(name)")
            let id = try #require(events.first?["response"]?["id"]?.stringValue)
            // Give the daemon time to notice; an abandoned response must not be stored half-done.
            try await Task.sleep(for: .milliseconds(500))
            if let stored = try await store.response(id: id) {
                #expect(terminalTypes.contains("response." + stored.status), "\(name): stored \(stored.status)")
            }

        case .clientLeavesEarly:
            #expect(seen.status == 0, "\(name): the client left before any answer")
            // Let MiMo's late answer arrive (after 1 s) and find the client gone. Whether the daemon
            // noticed before writing (nothing stored) or wrote into a half-closed socket (stored whole)
            // depends on TCP timing; half a response is never right.
            try await Task.sleep(for: .seconds(2))
            for record in await saved.records {
                #expect(terminalTypes.contains("response." + record.status), "\(name): stored \(record.status)")
            }
            #expect(try await store.stats().count == (await saved.records).count, "\(name)")
        }
    }

    /// Sends the request over a plain socket, waits, then closes with SO_LINGER 0: a TCP reset.
    static func sendThenReset(port: Int, body: [UInt8], after delay: Duration) async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            Issue.record("connect failed: errno \(errno)")
            return
        }
        let head = "POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer \(MimoClientTests.key)\r\nContent-Length: \(body.count)\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {  // bounded: each pass sends at least one byte or stops
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        try await Task.sleep(for: delay)
        var reset = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<linger>.size))
        close(fd)
    }

    // MARK: - State afterwards

    /// Waits (up to 15 s, polling) until no request is in flight and every admission slot is free.
    static func settled(activity: ProxyActivity, gate: AdmissionGate, _ name: String) async throws {
        var inFlight = -1
        var snapshot = gate.snapshot
        for _ in 0..<300 {
            inFlight = activity.inFlight
            snapshot = gate.snapshot
            if inFlight == 0, snapshot.inFlight == 0, snapshot.waiting == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("\(name): still in flight after 15 s: activity \(inFlight), admission \(snapshot)")
    }

    /// The SQLite store, remembering what was saved so a case whose client saw no id can still be judged.
    actor SavedResponses: ResponseArchive {
        let store: ResponseStore
        private(set) var records: [StoredResponse] = []

        init(store: ResponseStore) { self.store = store }

        func save(_ record: StoredResponse) async throws {
            records.append(record)
            try await store.save(record)
        }

        func response(id: String) async throws -> StoredResponse? { try await store.response(id: id) }
        func conversation(endingAt id: String) async throws -> [JSONValue]? { try await store.conversation(endingAt: id) }
    }

    // MARK: - Broken upstreams

    /// A loopback port nothing listens on: a simulator's, after it stopped.
    static func closedPort() async throws -> Int {
        let gone = try await RunningMimoSimulator.start()
        await gone.stop()
        return gone.port
    }

    /// Reads the request, then closes the connection without a byte of answer.
    final class CloseOnRead: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { context.close(promise: nil) }
    }

    static func closingListener() async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(CloseOnRead()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }
}
