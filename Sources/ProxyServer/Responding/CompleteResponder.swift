import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MimoUpstream
import NIOCore
import NIOPosix
import ResponsesTranslation

/// The answer to a request that does not stream (`stream: false`, and `/v1/responses/compact`): MiMo's
/// stream read to its end, then one JSON body, or an HTTP error that says what MiMo answered.
struct CompleteResponder: Sendable {
    let prepared: PreparedRequest
    let exchange: Exchange
    let failureAnswer: @Sendable (UpstreamCallFailure) -> OpenAIErrorResponse?

    func respond(translator: StreamTranslator, opening: UpstreamOpening, openTask: Task<Void, Never>,
                 compact: Bool) async throws -> Response {
        var translator = translator
        _ = translator.start()
        guard let outcome = await opening.wait(timeout: nil) else {
            openTask.cancel()
            await exchange.abandoned(translator: translator, upstreamStatus: nil, reason: .cancelled)
            throw CancellationError()
        }
        let chunks: UpstreamChunks
        switch outcome {
        case .failure(let failure):
            let http = failureAnswer(failure)
                ?? OpenAIErrorResponse(status: 502, code: nil, message: UpstreamFailureMapping.streamFailure(for: failure).message)
            await exchange.fail(http, translator: translator)
            return http.response()
        case .success(let opened):
            chunks = opened
        }
        var firstChunkAt: ContinuousClock.Instant?
        do {
            for try await chunk in chunks {
                if firstChunkAt == nil { firstChunkAt = .now }
                _ = translator.receive(chunk)
                if translator.isFinished { break }
            }
            _ = translator.finish()
        } catch {
            _ = translator.fail(UpstreamFailureMapping.streamFailure(for: error))
        }
        await exchange.finish(translator: translator, upstreamStatus: chunks.status, ttfb: firstChunkAt.map { $0 - exchange.started })
        let response = translator.response
        if response.status == .failed, let error = response.error {
            return OpenAIErrorResponse(status: 502, code: .codexFailure(error.code), message: error.message).response()
        }
        if compact {
            // The v1 compact endpoint answers with the items to continue from: the user's messages and the summary.
            let userMessages = prepared.inputItems.filter { $0["type"]?.stringValue == "message" && $0["role"]?.stringValue == "user" }
            return ResponseEncoding.json(["id": .string(response.id), "object": "response.compaction", "created_at": .int(response.createdAt),
                              "output": .array(userMessages + response.output.map(\.json)),
                              "usage": response.usage?.json ?? Usage.zero.json])
        }
        return ResponseEncoding.json(response.json)
    }
}
