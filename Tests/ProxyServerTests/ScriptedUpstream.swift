import Foundation
import NIOCore
import Logging
import MimoUpstream
@testable import ProxyServer
import ResponsesTranslation
import TestSupport

/// A `ChatUpstream` that plays back scripted behaviours, one per call, and records what it was sent
/// and whether the consumer cancelled it.
actor ScriptedUpstream: ChatUpstream {
    enum Behavior: Sendable {
        /// Opens after `openDelay`, then yields the chunks `chunkDelay` apart and ends cleanly.
        case chunks([ChatChunk], openDelay: Duration = .zero, chunkDelay: Duration = .zero)
        /// Fails to open after `delay`.
        case fail(UpstreamCallFailure, delay: Duration = .zero)
        /// Opens, yields the chunks, then breaks.
        case breakAfter([ChatChunk], UpstreamStreamFailure)
        /// Opens, yields the chunks, then stays silent until cancelled.
        case hangAfter([ChatChunk])
    }

    private var script: [Behavior]
    private(set) var calls: [UpstreamCall] = []
    private(set) var cancellations = 0

    init(_ script: [Behavior]) { self.script = script }

    func enqueue(_ behavior: Behavior) { script.append(behavior) }

    private func next(_ call: UpstreamCall) -> Behavior {
        calls.append(call)
        return script.isEmpty ? .chunks(Self.answer("ok")) : script.removeFirst()
    }

    private func cancelled() { cancellations += 1 }

    nonisolated func open(_ call: UpstreamCall) async throws(UpstreamCallFailure) -> UpstreamChunks {
        let behavior = await next(call)
        switch behavior {
        case .fail(let failure, let delay):
            try? await Task.sleep(for: delay)
            throw failure
        case .chunks(let chunks, let openDelay, let chunkDelay):
            try? await Task.sleep(for: openDelay)
            return stream { continuation in
                for chunk in chunks {
                    if chunkDelay > .zero { try await Task.sleep(for: chunkDelay) }
                    continuation.yield(ChunkBatch([chunk]))
                }
                continuation.finish()
            }
        case .breakAfter(let chunks, let failure):
            return stream { continuation in
                for chunk in chunks { continuation.yield(ChunkBatch([chunk])) }
                continuation.finish(throwing: failure)
            }
        case .hangAfter(let chunks):
            return stream { continuation in
                for chunk in chunks { continuation.yield(ChunkBatch([chunk])) }
                try await Task.sleep(for: .seconds(60))
                continuation.finish()
            }
        }
    }

    private nonisolated func stream(
        _ body: @escaping @Sendable (AsyncThrowingStream<ChunkBatch, any Error>.Continuation) async throws -> Void
    ) -> UpstreamChunks {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChunkBatch.self)
        let task = Task {
            do { try await body(continuation) } catch { continuation.finish(throwing: error) }
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination {
                task.cancel()
                Task { await self.cancelled() }
            }
        }
        return UpstreamChunks(status: 200, batches: stream)
    }

    static func answer(_ text: String, reasoning: String? = "thinking") -> [ChatChunk] {
        var chunks: [ChatChunk] = []
        if let reasoning { chunks.append(ChatChunk(reasoning: reasoning)) }
        chunks.append(ChatChunk(content: text, finishReason: .stop))
        chunks.append(ChatChunk(usage: Usage(inputTokens: 10, outputTokens: 3)))
        return chunks
    }
}

enum TestProxy {
    static func dependencies(_ upstream: ScriptedUpstream, archive: (any ResponseArchive)? = InMemoryResponseArchive(),
                             keepalive: Duration = .milliseconds(100), commitDelay: Duration? = nil,
                             maxBodyBytes: Int = 1 << 20) -> ProxyDependencies {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return ProxyDependencies(
            upstream: upstream, archive: archive, models: ModelSelection(configured: "mimo-v2.6-pro"), logger: logger,
            settings: ProxySettings(keepaliveInterval: keepalive, commitDelay: commitDelay, maxBodyBytes: maxBodyBytes),
            resolveKey: { header in
                guard let auth = header("Authorization"), auth.hasPrefix("Bearer "), auth.count > 7 else { return nil }
                return MimoAPIKey(value: String(auth.dropFirst(7)), source: .request(header: "Authorization"))
            },
            missingKeyMessage: "No MiMo API key: put it in MIMO_API_KEY.",
            authAdvice: { _, error in "Key refused: \(error.message)" })
    }

    /// A JSON response body; `.null` (failing the comparisons that follow) when it is not JSON.
    static func json(_ buffer: ByteBuffer) -> JSONValue {
        (try? JSONValue.parse(String(buffer: buffer))) ?? .null
    }

    /// The JSON `data:` payloads of an SSE body, in order.
    static func events(_ body: String) throws -> [JSONValue] {
        try ServerSentEventBody.payloads(body)
    }
}
