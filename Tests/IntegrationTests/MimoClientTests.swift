import Foundation
import Logging
import MimoSimulatorServer
import MimoUpstream
import NIOCore
import NIOPosix
import ResponsesTranslation
import Synchronization
import Testing

/// The real `MimoClient` (AsyncHTTPClient, admission, retries, SSE decoding) against the MiMo
/// simulator on loopback, which validates every request like MiMo and injects faults.
@Suite(.serialized) struct MimoClientTests {
    static let key = "sk-integration-0123456789"

    static func client(_ simulator: RunningMimoSimulator, mode: MimoPlan = .standard,
                       retry: RetryPolicy = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100), maxTotalWait: .seconds(5)),
                       backoff: Duration = .milliseconds(50)) -> MimoClient {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return MimoClient(endpoint: UpstreamEndpoint(mode: mode, baseURLOverride: simulator.baseURL),
                          admission: AdmissionGate(configuration: AdmissionConfiguration(maxConcurrent: 2, minSpacing: .zero, defaultBackoff: backoff)),
                          retryPolicy: retry, connectTimeout: .seconds(2), idleTimeout: .seconds(10), defaultBackoff: backoff, logger: logger)
    }

    /// A valid MiMo request built by the real translator.
    static func call(_ text: String = "hello", key: String = key) throws -> UpstreamCall {
        let translated = try RequestTranslator.translate(body: ["model": "mimo-v2.6-pro", "stream": true, "input": .string(text)],
                                                         options: TranslationOptions(streamUpstream: true))
        return UpstreamCall(body: translated.body, model: translated.upstreamModel, apiKey: MimoAPIKey(value: key, source: .environment))
    }

    static func collect(_ chunks: UpstreamChunks) async throws -> [ChatChunk] {
        var all: [ChatChunk] = []
        for try await chunk in chunks { all.append(chunk) }
        return all
    }

    static func with(admission: AdmissionConfiguration? = nil,
                     _ body: (RunningMimoSimulator, MimoClient) async throws -> Void) async throws {
        let simulator = try await RunningMimoSimulator.start()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let client = admission.map { configuration in
            MimoClient(endpoint: UpstreamEndpoint(mode: .standard, baseURLOverride: simulator.baseURL),
                       admission: AdmissionGate(configuration: configuration), retryPolicy: RetryPolicy(maxRetries: 0),
                       connectTimeout: .seconds(2), idleTimeout: .seconds(10), logger: logger)
        } ?? client(simulator)
        do {
            try await body(simulator, client)
        } catch {
            try? await client.shutdown()
            await simulator.stop()
            throw error
        }
        try await client.shutdown()
        await simulator.stop()
    }

    static func statuses(_ simulator: RunningMimoSimulator) async -> [Int] {
        await simulator.recordedRequests().compactMap { $0["status"]?.intValue }
    }

    /// More concurrent streams than AsyncHTTPClient's default of 8 connections per host: every one
    /// must get its own connection at once, not wait in AHC's pool until the connect timeout.
    @Test func moreStreamsThanAHCsDefaultPoolRunAtOnce() async throws {
        let simulator = try await RunningMimoSimulator.start()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let client = MimoClient(
            endpoint: UpstreamEndpoint(mode: .standard, baseURLOverride: simulator.baseURL),
            admission: AdmissionGate(configuration: AdmissionConfiguration(maxConcurrent: 16, minSpacing: .zero)),
            retryPolicy: RetryPolicy(maxRetries: 0), connectTimeout: .seconds(1), idleTimeout: .seconds(20), logger: logger)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    // Each stream stays open about 2 s, longer than the 1 s connect timeout.
                    guard let call = try? Self.call("stream \(index) SIM_FAULT_STALL_AFTER_HEADERS_2"),
                          let chunks = try? await client.open(call),
                          let all = try? await Self.collect(chunks) else { return false }
                    return all.contains { $0.finishReason == .stop }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        try await client.shutdown()
        await simulator.stop()
        #expect(outcomes.count == 16)
        #expect(outcomes.allSatisfy { $0 }, "\(outcomes.filter { !$0 }.count) of 16 streams failed")
    }

    @Test func streamsDecodedChunksToTheEnd() async throws {
        try await Self.with { simulator, client in
            let chunks = try await Self.collect(try await client.open(try Self.call()))
            #expect(chunks.compactMap(\.reasoning).joined().hasPrefix("Thinking about:"))
            #expect(chunks.compactMap(\.content).joined() == "Hello from the MiMo simulator.")
            #expect(chunks.contains { $0.finishReason == .stop })
            #expect(chunks.contains { $0.usage != nil })
            let recorded = await simulator.recordedRequests()
            #expect(recorded.first?["auth_header"]?.stringValue?.lowercased() == "authorization")
        }
    }

    /// As the daemon's listener runs them: calls made from a task on a connection's event loop, with
    /// that loop as `ConnectionAffinity`. They must reuse one pooled connection. (Asking AsyncHTTPClient
    /// for the connection on that exact loop, `.delegateAndChannel(on:)`, made it close the connection
    /// after every request: a new TCP handshake per request, against MiMo a new TLS handshake too.)
    @Test func callsFromAConnectionsLoopReuseThePooledConnection() async throws {
        try await Self.with { simulator, client in
            let executor = EventLoopTaskExecutor(MultiThreadedEventLoopGroup.singleton.any())
            try await withTaskExecutorPreference(executor) {
                try await ConnectionAffinity.$executor.withValue(executor) {
                    for turn in 0..<5 {
                        let chunks = try await Self.collect(try await client.open(try Self.call("hello \(turn)")))
                        #expect(chunks.contains { $0.finishReason == .stop })
                    }
                }
            }
            #expect(await Self.statuses(simulator) == Array(repeating: 200, count: 5))
            // A connection the client closed waits in TIME_WAIT on the client's side for a minute.
            #expect(try Self.closedConnections(toPort: simulator.port) == 0)
        }
    }

    /// Loopback TCP sockets of this network namespace in TIME_WAIT whose remote port is `port`.
    static func closedConnections(toPort port: Int) throws -> Int {
        let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            guard fields.count > 3, let remotePort = fields[2].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else { return false }
            return remotePort == port && fields[3] == "06"
        }.count
    }

    /// Chunks reach the consumer in batches (what one read decoded): every chunk exactly once, in
    /// order, no empty batch, and only the final batch may say that MiMo's answer ended with it.
    @Test func batchesCarryEveryChunkInOrder() async throws {
        try await Self.with { _, client in
            let text = String(repeating: "several words of text ", count: 200)
            let flat = try await Self.collect(try await client.open(try Self.call(text)))
            var batches: [ChunkBatch] = []
            for try await batch in try await client.open(try Self.call(text)).batches() { batches.append(batch) }
            #expect(!batches.isEmpty && batches.allSatisfy { !$0.chunks.isEmpty })
            #expect(batches.dropLast().allSatisfy { !$0.isLast })
            let batched = batches.flatMap(\.chunks)
            #expect(batched.count == flat.count && batched.count > 3)
            #expect(batched.compactMap(\.reasoning).joined() == flat.compactMap(\.reasoning).joined())
            #expect(batched.flatMap(\.toolCalls).compactMap(\.arguments).joined()
                    == flat.flatMap(\.toolCalls).compactMap(\.arguments).joined())
            #expect(batched.last?.usage != nil)
        }
    }

    @Test func rateLimitsWithAndWithoutRetryAfterAreRetried() async throws {
        try await Self.with { simulator, client in
            await simulator.enqueue([.status(429, retryAfter: "1"), .status(429)])
            let chunks = try await Self.collect(try await client.open(try Self.call()))
            #expect(chunks.compactMap(\.content).joined() == "Hello from the MiMo simulator.")
            #expect(await Self.statuses(simulator) == [429, 429, 200])
        }
    }

    @Test func aRetryAfterBeyondTheBudgetIsPassedOn() async throws {
        try await Self.with { simulator, client in
            await simulator.enqueue([.status(429, retryAfter: "120")])
            let call = try Self.call()
            do throws(UpstreamCallFailure) {
                _ = try await client.open(call)
                Issue.record("expected a failure")
            } catch {
                guard case .status(429, let upstream, let retryAfter) = error else { Issue.record("got \(error)"); return }
                #expect(upstream.kind == .rateLimited)
                #expect(retryAfter == .seconds(120))
            }
            #expect(await Self.statuses(simulator) == [429])
        }
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        try await Self.with { simulator, client in
            await simulator.enqueue(Array(repeating: .status(500), count: 4))
            let call = try Self.call()
            do throws(UpstreamCallFailure) {
                _ = try await client.open(call)
                Issue.record("expected a failure")
            } catch {
                guard case .status(500, _, _) = error else { Issue.record("got \(error)"); return }
            }
            #expect(await Self.statuses(simulator) == [500, 500, 500, 500])
        }
    }

    @Test func deterministicRejectionsAreNotRetried() async throws {
        try await Self.with { simulator, client in
            // A tool-call history without reasoning_content while thinking: MiMo's replay rule.
            let body: JSONValue = ["model": "mimo-v2.6-pro", "stream": true, "messages": [
                ["role": "user", "content": "x"],
                ["role": "assistant", "tool_calls": [["id": "c1", "type": "function", "function": ["name": "f", "arguments": "{}"]]]],
                ["role": "tool", "tool_call_id": "c1", "content": "ok"],
            ]]
            let call = UpstreamCall(body: body, model: "mimo-v2.6-pro", apiKey: MimoAPIKey(value: Self.key, source: .environment))
            do throws(UpstreamCallFailure) {
                _ = try await client.open(call)
                Issue.record("expected a failure")
            } catch {
                guard case .status(400, let upstream, _) = error else { Issue.record("got \(error)"); return }
                #expect(upstream.param?.contains("reasoning_content") == true)
                #expect(upstream.responseFailure().code == .invalidPrompt)
            }
            #expect(await Self.statuses(simulator) == [400])
        }
    }

    @Test func quotaExhaustionIsNotRetried() async throws {
        try await Self.with { simulator, client in
            await simulator.enqueue([.quotaExhausted])
            let call = try Self.call()
            do throws(UpstreamCallFailure) {
                _ = try await client.open(call)
                Issue.record("expected a failure")
            } catch {
                guard case .status(429, let upstream, _) = error else { Issue.record("got \(error)"); return }
                #expect(upstream.kind == .insufficientQuota)
            }
            #expect(await Self.statuses(simulator).count == 1)
        }
    }

    @Test func aTokenPlanKeyOnTheStandardHostGetsAdvice() async throws {
        try await Self.with { simulator, client in
            let call = try Self.call(key: "tp-0123456789abcdef")
            do throws(UpstreamCallFailure) {
                _ = try await client.open(call)
                Issue.record("expected a failure")
            } catch {
                guard case .status(401, let upstream, _) = error else { Issue.record("got \(error)"); return }
                #expect(upstream.kind == .authentication)
            }
        }
    }

    @Test func errorFramesGarbageAndDisconnectsInsideTheStream() async throws {
        try await Self.with { simulator, client in
            await simulator.enqueue([.errorFrame(), .garbageLine, .disconnect(after: .content)])
            let framed = try await Self.collect(try await client.open(try Self.call("one")))
            #expect(framed.contains { $0.error != nil })

            let garbage = try await Self.collect(try await client.open(try Self.call("two")))
            #expect(garbage.compactMap(\.content).joined() == "Hello from the MiMo simulator.")

            do {
                _ = try await Self.collect(try await client.open(try Self.call("three")))
                Issue.record("expected a broken stream")
            } catch let failure as UpstreamStreamFailure {
                guard case .disconnected = failure else { Issue.record("got \(failure)"); return }
            }
        }
    }

    /// Regression: a connection cut after the finish chunk (only usage and [DONE] lost) used to fail the
    /// whole answer as "disconnected", so Codex redid a turn MiMo had finished.
    @Test func aCutAfterTheFinishReasonStillCompletes() async throws {
        try await Self.with { simulator, client in
            await simulator.enqueue([.disconnect(after: .finish)])
            let chunks = try await Self.collect(try await client.open(try Self.call()))
            #expect(chunks.compactMap(\.content).joined() == "Hello from the MiMo simulator.")
            #expect(chunks.contains { $0.finishReason == .stop })
            #expect(!chunks.contains { $0.usage != nil })
        }
    }

    /// With every slot busy and no room to wait, the next call is turned away at once as overloaded
    /// (ccmimolink's queue, not MiMo), and the busy slot is unaffected.
    @Test func aFullQueueTurnsTheNextCallAwayAsOverloaded() async throws {
        try await Self.with(admission: AdmissionConfiguration(maxConcurrent: 1, minSpacing: .zero, maxWaiting: 0)) { simulator, client in
            await simulator.enqueue([.stall(.seconds(1), phase: .afterHeaders)])
            let call = try Self.call()
            let first = try await client.open(call)
            do throws(UpstreamCallFailure) {
                _ = try await client.open(call)
                Issue.record("expected the second call to be turned away")
            } catch {
                #expect(error == .overloaded(.queueFull(limit: 0), retryAfter: .seconds(5)))
            }
            let chunks = try await Self.collect(first)
            #expect(chunks.compactMap(\.content).joined() == "Hello from the MiMo simulator.")
            #expect(await Self.statuses(simulator) == [200], "MiMo saw only the first call")
        }
    }

    @Test func aRefusedConnectionFailsWithinTheRetryBudget() async throws {
        let simulator = try await RunningMimoSimulator.start()
        let client = Self.client(simulator)
        await simulator.stop()  // the port is closed now
        let call = try Self.call()
        do throws(UpstreamCallFailure) {
            _ = try await client.open(call)
            Issue.record("expected a failure")
        } catch {
            guard case .transport(let detail) = error else { Issue.record("got \(error)"); return }
            #expect(detail.contains("refused") || detail.contains("connect"))
        }
        try await client.shutdown()
    }

    /// MiMo gets each request in one write: its first read holds the head and the whole body.
    /// (AsyncHTTPClient alone writes the head, then the body: MiMo's server wakes twice per request.)
    @Test func theRequestHeadAndBodyArriveInOneRead() async throws {
        let reads = FirstReads()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 64 * 1024))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(OneAnswerServer(reads: reads)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let port = try #require(server.localAddress?.port)
        let client = MimoClient(endpoint: UpstreamEndpoint(mode: .standard, baseURLOverride: "http://127.0.0.1:\(port)/v1"),
                                admission: AdmissionGate(configuration: AdmissionConfiguration(maxConcurrent: 2, minSpacing: .zero)),
                                retryPolicy: RetryPolicy(maxRetries: 0), connectTimeout: .seconds(2), idleTimeout: .seconds(10),
                                logger: logger)
        let call = try Self.call(String(repeating: "a request body of some size ", count: 100))
        // As the daemon makes its calls: from a connection's loop, where the body follows the head in
        // the same call (from elsewhere it may take two hops between loops).
        let executor = EventLoopTaskExecutor(MultiThreadedEventLoopGroup.singleton.any())
        try await withTaskExecutorPreference(executor) {
            try await ConnectionAffinity.$executor.withValue(executor) {
                for _ in 0..<3 {
                    let chunks = try await Self.collect(try await client.open(call))
                    #expect(chunks.compactMap(\.content).joined() == "hi")
                }
            }
        }
        try await client.shutdown()
        try await server.close()
        let firsts = reads.all
        #expect(firsts.count == 3)
        for first in firsts {
            let text = String(decoding: first, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            let length = parts.first?.split(separator: "\r\n")
                .first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
            #expect(length.map { $0 > 2000 } == true)
            #expect(parts.count == 2 && parts[1].utf8.count == length, "first read: \(first.count) bytes, head only: \(parts.count == 2 && parts[1].isEmpty)")
        }
    }

    /// The first socket read of each request a server received.
    final class FirstReads: Sendable {
        private let reads = Mutex<[[UInt8]]>([])
        func record(_ bytes: [UInt8]) { reads.withLock { $0.append(bytes) } }
        var all: [[UInt8]] { reads.withLock { $0 } }
    }

    /// Records the first read of every request, waits for the whole request, and answers with one
    /// streamed chunk ("hi") and [DONE], keeping the connection open.
    final class OneAnswerServer: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let reads: FirstReads
        var pending: [UInt8] = []
        init(reads: FirstReads) { self.reads = reads }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = Array(buffer: unwrapInboundIn(data))
            if pending.isEmpty { reads.record(bytes) }
            pending += bytes
            let text = String(decoding: pending, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n"),
                  let length = text[..<end.lowerBound].split(separator: "\r\n")
                      .first(where: { $0.lowercased().hasPrefix("content-length:") })
                      .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
                  text[end.upperBound...].utf8.count >= length else { return }
            pending = []
            let chunk = #"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"mimo-v2.6-pro","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}"#
            let sse = "data: \(chunk)\n\ndata: [DONE]\n\n"
            let answer = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
                + String(sse.utf8.count, radix: 16) + "\r\n" + sse + "\r\n0\r\n\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer)), promise: nil)
        }
    }
}
