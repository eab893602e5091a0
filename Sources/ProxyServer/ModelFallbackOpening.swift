import MimoUpstream
import ResponsesTranslation

/// Opens MiMo's stream for a request, and sends it once more to another model when MiMo refuses the
/// model rather than the request (`ModelFallback`): a retired id goes to its successor, a refused
/// image to the vision model. This happens before any byte of the answer reaches the client, so
/// Codex sees one answer from the model that could give it.
struct ModelFallbackOpening: Sendable {
    let upstream: any ChatUpstream
    let models: ModelSelection
    let refresher: (any ServedModelsRefreshing)?

    func open(_ call: UpstreamCall, fallback: ModelFallback, rerouted: @Sendable (String, TranslationNote) -> Void)
        async throws(UpstreamCallFailure) -> UpstreamChunks
    {
        var call = call
        var fallback = fallback
        while true {
            do {
                return try await upstream.open(call)
            } catch {
                guard case .status(let status, var upstreamError, let retryAfter) = error else { throw error }
                var retryModel: String?
                for action in fallback.receive(upstreamError, model: call.model) {
                    switch action {
                    case .learn(.notServed(let model)):
                        refresher?.modelNotServed(model, key: call.apiKey)
                    case .learn(.refusesImages(let model)):
                        if models.learn(.refusesImages(model)) { refresher?.modelRefusedImages(model) }
                    case .retry(let model, let why):
                        rerouted(model, why)
                        retryModel = model
                    }
                }
                guard let retryModel, !Task.isCancelled else {
                    if upstreamError.kind == .modelNotServed || upstreamError.kind == .modelCapability {
                        // MiMo's text rarely names the model; the user needs to know which one.
                        upstreamError.message = "\(call.model): \(upstreamError.message)"
                    }
                    throw .status(status, upstreamError, retryAfter: retryAfter)
                }
                call = call.sent(to: retryModel)
            }
        }
    }
}
