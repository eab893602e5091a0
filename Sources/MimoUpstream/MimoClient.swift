import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOHTTP1
import ResponsesTranslation
import Synchronization

/// The real upstream: MiMo's `/chat/completions` over AsyncHTTPClient. Each call waits for an
/// admission slot, retries 429/5xx/connect failures with backoff until MiMo answers 200 (never after
/// the first chunk), then decodes the SSE body into chunks as they arrive. The slot is held until
/// the stream ends or its consumer goes away, whichever comes first.
public final class MimoClient: ChatUpstream {
    /// Where calls go; swapped by a reload or a cc-switch sync while calls are in flight (each call
    /// reads it once, when it starts).
    private let route: Mutex<UpstreamEndpoint>
    public var endpoint: UpstreamEndpoint { route.withLock { $0 } }
    let admission: AdmissionGate
    let retryPolicy: RetryPolicy
    let idleTimeout: Duration
    let defaultBackoff: Duration
    let http: HTTPClient
    let logger: Logger
    private let nextID = Atomic<UInt64>(0)

    /// Error bodies are read up to this size; more is never useful in a message.
    static let maxErrorBodyBytes = 256 * 1024

    public init(endpoint: UpstreamEndpoint, admission: AdmissionGate, retryPolicy: RetryPolicy, connectTimeout: Duration,
                idleTimeout: Duration, defaultBackoff: Duration = .seconds(30), logger: Logger) {
        self.route = Mutex(endpoint)
        self.admission = admission
        self.retryPolicy = retryPolicy
        self.idleTimeout = idleTimeout
        self.defaultBackoff = defaultBackoff
        self.logger = logger
        var configuration = HTTPClient.Configuration()
        // `read` is an idle timeout between bytes: it bounds both the wait for headers and silences mid-stream.
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .nanoseconds(Int64(Self.nanoseconds(connectTimeout))),
                                                                 read: .nanoseconds(Int64(Self.nanoseconds(idleTimeout))))
        configuration.decompression = .disabled
        // Our RetryPolicy retries connect failures with backoff and a budget; AHC's own retry would
        // keep a refused connection pending until the connect timeout instead of failing at once.
        configuration.connectionPool.retryConnectionEstablishment = false
        // The admission gate decides how many MiMo requests run at once; AHC's default of 8 connections
        // per host would otherwise park the rest in its pool, where they fail after the connect timeout.
        // Two spare connections serve health probes.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit =
            max(8, admission.configuration.maxConcurrent + 2)
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends the next calls to `endpoint`; calls already running keep theirs.
    public func reroute(to endpoint: UpstreamEndpoint) {
        route.withLock { $0 = endpoint }
    }

    public func shutdown() async throws {
        try await http.shutdown()
    }

    public func open(_ call: UpstreamCall) async throws(UpstreamCallFailure) -> UpstreamChunks {
        let body = ByteBuffer(bytes: call.body.serializedBytes())
        let endpoint = self.endpoint
        let key = MimoAPIKey(value: call.apiKey, source: .environment)
        let authHeaders = AuthHeaderChoice.headers(for: key, endpoint: endpoint)
        let started = ContinuousClock.now
        var attempt = 0
        while true {
            let id = nextID.add(1, ordering: .relaxed).newValue
            let ticket: AdmissionTicket
            do {
                ticket = try await admission.acquire(id: id)
            } catch {
                throw .transport("cancelled while waiting for a free MiMo slot")
            }
            var request = HTTPClientRequest(url: endpoint.chatCompletionsURL)
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.headers.add(name: "accept", value: "text/event-stream")
            request.headers.add(name: "user-agent", value: "ccmimolink")
            for header in authHeaders { request.headers.add(name: header.name, value: header.value) }
            request.body = .bytes(body)

            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, deadline: .now() + .hours(24), logger: nil)
            } catch {
                await admission.release(ticket)
                if Task.isCancelled { throw .transport("cancelled") }
                let detail = Self.describe(error)
                switch retryPolicy.decision(attempt: attempt + 1, failure: .connect, retryAfter: nil,
                                            elapsed: .now - started, jitter: Double.random(in: 0.9...1.1)) {
                case .retry(let delay):
                    logger.notice("retrying MiMo request", metadata: ["attempt": "\(attempt + 1)", "reason": "\(detail)",
                                                                    "delay_ms": "\(Self.milliseconds(delay))"])
                    attempt += 1
                    try? await Task.sleep(for: delay)
                    continue
                case .giveUp:
                    throw .transport("\(detail) (\(endpoint.host))")
                }
            }

            let status = Int(response.status.code)
            if status == 200 {
                return stream(response, ticket: ticket)
            }
            var errorBytes: [UInt8] = []
            do {
                for try await buffer in response.body {
                    errorBytes.append(contentsOf: buffer.readableBytesView.prefix(Self.maxErrorBodyBytes - errorBytes.count))
                    if errorBytes.count >= Self.maxErrorBodyBytes { break }
                }
            } catch {
                // A truncated error body still says something; keep what arrived.
            }
            await admission.release(ticket)
            let error = UpstreamErrorBody.parse(status: status, contentType: response.headers.first(name: "content-type"),
                                                body: errorBytes)
            let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryAfter.parse($0, now: Date()) }
            if status == 429, error.kind == .rateLimited {
                await admission.rateLimited(retryAfter: retryAfter)
            }
            let decision: RetryDecision = error.kind == .insufficientQuota
                ? .giveUp
                : retryPolicy.decision(attempt: attempt + 1, failure: .status(status), retryAfter: retryAfter,
                                       elapsed: .now - started, jitter: Double.random(in: 0.9...1.1))
            switch decision {
            case .retry(let delay):
                logger.notice("retrying MiMo request", metadata: ["attempt": "\(attempt + 1)", "upstream_status": "\(status)",
                                                                "delay_ms": "\(Self.milliseconds(delay))"])
                attempt += 1
                try? await Task.sleep(for: delay)
                if Task.isCancelled { throw .transport("cancelled") }
                continue
            case .giveUp:
                throw .status(status, error, retryAfter: retryAfter ?? (status == 429 ? defaultBackoff : nil))
            }
        }
    }

    /// Decodes the 200 body into chunks. Ends at `[DONE]`; an EOF after a finish reason also counts
    /// as complete (some servers omit `[DONE]`), clean or not; anything else is a broken stream.
    private func stream(_ response: HTTPClientResponse, ticket: AdmissionTicket) -> UpstreamChunks {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatChunk.self)
        let admission = self.admission
        let idleTimeout = self.idleTimeout
        let logger = self.logger
        let task = Task {
            var decoder = ServerSentEventDecoder()
            var sawFinish = false
            var skipped = 0
            func deliver(_ events: [ServerSentEvent]) -> Bool {
                for event in events {
                    if event.isDone { return true }
                    guard let json = try? JSONValue.parse(event.data) else {
                        skipped += 1
                        continue
                    }
                    let chunk = ChatChunk.decode(json)
                    // A finish reason or an error frame ends the answer, even if [DONE] never follows.
                    if chunk.finishReason != nil || chunk.error != nil { sawFinish = true }
                    continuation.yield(chunk)
                }
                return false
            }
            do {
                var done = false
                for try await buffer in response.body {
                    if deliver(try decoder.receive(buffer.readableBytesView)) {
                        done = true
                        break
                    }
                }
                if !done { done = deliver(try decoder.finish()) }
                if done || sawFinish {
                    continuation.finish()
                } else {
                    continuation.finish(throwing: UpstreamStreamFailure.disconnected("MiMo closed the stream before it finished"))
                }
            } catch let error as SSEDecodingError {
                continuation.finish(throwing: UpstreamStreamFailure.malformed(error.description))
            } catch where sawFinish && !Task.isCancelled {
                // The answer was whole (its finish reason or error frame arrived); only the usage chunk
                // or [DONE] was lost with the connection. Failing here would make Codex redo a finished turn.
                continuation.finish()
            } catch let error as HTTPClientError where error == .readTimeout {
                continuation.finish(throwing: UpstreamStreamFailure.idleTimeout(idleTimeout))
            } catch {
                continuation.finish(throwing: Task.isCancelled ? CancellationError() : UpstreamStreamFailure.disconnected(Self.describe(error)))
            }
            if skipped > 0 { logger.warning("skipped unreadable SSE data lines from MiMo", metadata: ["count": "\(skipped)"]) }
            await admission.release(ticket)
        }
        continuation.onTermination = { _ in task.cancel() }
        return UpstreamChunks(status: 200, stream: stream)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return "cannot connect to \(error.host):\(error.port): \(describe(first.error))"
        }
        if let error = error as? IOError {
            return error.errnoCode == ECONNREFUSED ? "connection refused" : String(describing: error)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .readTimeout: return "MiMo did not answer in time"
            case .remoteConnectionClosed: return "MiMo closed the connection"
            default: return String(describing: error)
            }
        }
        return String(describing: error)
    }

    static func milliseconds(_ d: Duration) -> Int { Int(nanoseconds(d) / 1e6) }

    static func nanoseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
    }
}
