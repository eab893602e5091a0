import Hummingbird
import MimoUpstream
import ResponsesTranslation

/// `POST /v1/responses` (and `/v1/responses/compact`): intake → MiMo's answer opened in a task →
/// the streaming or the complete responder. Errors MiMo gives within the commit delay become real
/// HTTP statuses (a 429 with Retry-After, a readable 401); later ones are told inside the stream.
struct ResponsesEndpoint: Sendable {
    let dependencies: ProxyDependencies

    private var settings: ProxySettings { dependencies.settings }

    func create(_ request: Request, compact: Bool = false) async throws -> Response {
        let prepared = try await RequestIntake(dependencies: dependencies).prepare(request, compact: compact)
        var configuration = StreamTranslator.Configuration(request: prepared.translated, identifiers: prepared.identifiers,
                                                           createdAt: prepared.createdAt)
        configuration.recoverTextToolCalls = settings.recoverTextToolCalls
        let translator = StreamTranslator(configuration: configuration)
        let exchange = Exchange(prepared: prepared, dependencies: dependencies)
        dependencies.activity.began()
        dependencies.metrics.responseBegan()

        // A request with no conversation at all (a client's connection test) gets an empty answer.
        if prepared.translated.messages.isEmpty {
            var t = translator
            let events = t.start() + t.finish()
            await exchange.finish(translator: t, upstreamStatus: nil, ttfb: nil)
            return prepared.translated.clientStreams && !compact
                ? ResponseEncoding.sseResponse(bytes: ResponseEncoding.sse(events)) : ResponseEncoding.json(t.response.json)
        }

        let opening = UpstreamOpening()
        let upstream = ModelFallbackOpening(upstream: dependencies.upstream, models: dependencies.models,
                                            refresher: dependencies.modelRefresh)
        let (call, fallback) = (prepared.call, prepared.fallback)
        // Serializing a large history for MiMo takes milliseconds: that happens on the global pool.
        let openTask = Task(executorPreference: prepared.heavy ? nil : ConnectionAffinity.executor) {
            do throws(UpstreamCallFailure) {
                opening.resolve(.success(try await upstream.open(call, fallback: fallback, rerouted: exchange.rerouted)))
            } catch {
                opening.resolve(.failure(error))
            }
        }

        if prepared.translated.clientStreams && !compact {
            if let outcome = await opening.wait(timeout: settings.commitDelay), case .failure(let failure) = outcome,
               let http = httpError(failure, key: prepared.key, clientStreams: true) {
                await exchange.fail(http, translator: translator)
                return http.response()
            }
            return StreamingResponder(keepalive: settings.keepaliveInterval, exchange: exchange)
                .respond(translator: translator, opening: opening, openTask: openTask)
        }
        let key = prepared.key
        let responder = CompleteResponder(prepared: prepared, exchange: exchange) { failure in
            httpError(failure, key: key, clientStreams: false)
        }
        return try await responder.respond(translator: translator, opening: opening, openTask: openTask, compact: compact)
    }

    private func httpError(_ failure: UpstreamCallFailure, key: MimoAPIKey, clientStreams: Bool) -> OpenAIErrorResponse? {
        UpstreamFailureMapping.httpError(for: failure, clientStreams: clientStreams) { error in
            dependencies.authAdvice(key, error)
        }
    }
}
