import Logging
import NIOConcurrencyHelpers
import ResponseStore
import ResponsesTranslation
import UsageLedger

/// The bookkeeping of one request: its single structured log line, its metrics, the usage ledger, the
/// activity counters and the archive. The log line carries the response id, client → upstream model,
/// upstream status, time to first byte, duration, tokens (cached and reasoning too) and what the
/// translation dropped — never a key.
struct Exchange: Sendable {
    let responseID: String
    let clientModel: String?
    let upstreamModel: String
    let keyDescription: String
    let notes: [TranslationNote]
    let started: ContinuousClock.Instant
    let inputItems: [JSONValue]
    let store: Bool
    /// Store a large input from the global pool, not the connection's event loop (`Prepared.heavy`).
    let heavy: Bool
    let dependencies: ProxyDependencies
    /// Set when MiMo refused the model and the request went to another one (`ModelFallbackOpening`).
    private let rerouting = NIOLockedValueBox<(model: String?, notes: [TranslationNote])>((nil, []))

    init(prepared: PreparedRequest, dependencies: ProxyDependencies) {
        responseID = prepared.identifiers.responseID
        clientModel = prepared.translated.requestedModel
        upstreamModel = prepared.translated.upstreamModel
        keyDescription = "\(prepared.key.redacted) from \(prepared.key.source)"
        notes = prepared.translated.notes
        started = prepared.started
        inputItems = prepared.inputItems
        store = prepared.store
        heavy = prepared.heavy
        self.dependencies = dependencies
    }

    /// The request went to `model` instead, for the reason `note` gives.
    @Sendable func rerouted(to model: String, _ note: TranslationNote) {
        rerouting.withLockedValue {
            $0.model = model
            $0.notes.append(note)
        }
    }

    /// `archived`: the stream already saved the response (before its final event went out).
    func finish(translator: StreamTranslator, upstreamStatus: Int?, ttfb: Duration?, archived: Bool = false) async {
        let response = translator.response
        await record(outcome: ExchangeOutcome(response.status), httpStatus: 200, upstreamStatus: upstreamStatus, ttfb: ttfb,
                     usage: response.usage, error: response.error.map { "\($0.code): \($0.message)" },
                     streamNotes: translator.notes)
        if !archived { await archive(translator) }
    }

    /// Saves the finished response unless the request said `store: false`. Streams call this before
    /// writing their final event, so a client that asks for the response (or chains
    /// `previous_response_id`) the moment it reads `response.completed` finds it.
    func archive(_ translator: StreamTranslator) async {
        let response = translator.response
        if store, let archive = dependencies.archive, response.status != .inProgress {
            let stored = StoredResponse(id: response.id, createdAt: response.createdAt, model: response.model,
                                        status: response.status.rawValue, response: response.json, inputItems: inputItems)
            do {
                if heavy {
                    try await withTaskExecutorPreference(globalConcurrentExecutor) { try await archive.save(stored) }
                } else {
                    try await archive.save(stored)
                }
            } catch {
                dependencies.logger.warning("could not store response", metadata: ["response_id": .string(response.id),
                                                                                   "error": .string(String(describing: error))])
            }
        }
    }

    func fail(_ error: OpenAIErrorResponse, translator: StreamTranslator) async {
        await record(outcome: .error, httpStatus: error.httpStatus, upstreamStatus: nil, ttfb: nil, usage: nil,
                     error: "\(error.code?.rawValue ?? String(error.httpStatus)): \(error.message)", streamNotes: translator.notes)
    }

    /// The stream ended before its last event: the client went away, or the daemon is stopping.
    func abandoned(translator: StreamTranslator, upstreamStatus: Int?, reason: AbandonReason) async {
        await record(outcome: .clientDisconnected, httpStatus: 200, upstreamStatus: upstreamStatus, ttfb: nil,
                     usage: translator.usage, error: nil, streamNotes: translator.notes, reason: reason)
    }

    private func record(outcome: ExchangeOutcome, httpStatus: Int, upstreamStatus: Int?, ttfb: Duration?, usage: Usage?,
                        error: String?, streamNotes: [TranslationNote], reason: AbandonReason? = nil) async {
        let duration = ContinuousClock.now - started
        let (reroutedModel, routingNotes) = rerouting.withLockedValue { ($0.model, $0.notes) }
        let upstreamModel = reroutedModel ?? self.upstreamModel
        let allNotes = notes + routingNotes + streamNotes
        var metadata: Logger.Metadata = [
            "response_id": .string(responseID),
            "model": .string("\(clientModel ?? "-") -> \(upstreamModel)"),
            "upstream_model": .string(upstreamModel),
            "outcome": .string(outcome.rawValue),
            "status": .stringConvertible(httpStatus),
            "duration_ms": .stringConvertible(Self.milliseconds(duration)),
            "key": .string(keyDescription),
        ]
        if let upstreamStatus { metadata["upstream_status"] = .stringConvertible(upstreamStatus) }
        if let ttfb { metadata["ttfb_ms"] = .stringConvertible(Self.milliseconds(ttfb)) }
        if let usage {
            metadata["tokens_in"] = .stringConvertible(usage.inputTokens)
            metadata["tokens_cached"] = .stringConvertible(usage.cachedTokens)
            metadata["tokens_out"] = .stringConvertible(usage.outputTokens)
            metadata["tokens_reasoning"] = .stringConvertible(usage.reasoningTokens)
        }
        if !allNotes.isEmpty { metadata["dropped"] = .string(allNotes.map(\.description).joined(separator: "; ")) }
        if let error { metadata["error"] = .string(error) }
        if let reason { metadata["reason"] = .string(reason.description) }
        let level: Logger.Level = error == nil ? .info : .warning
        dependencies.logger.log(level: level, "response \(outcome.rawValue)", metadata: metadata)

        // A turn that ended without an answer counts as failed, whatever tokens MiMo used on the way.
        let counts = UsageCounts.request(
            inputTokens: usage?.inputTokens ?? 0, cachedTokens: usage?.cachedTokens ?? 0,
            outputTokens: usage?.outputTokens ?? 0, reasoningTokens: usage?.reasoningTokens ?? 0,
            failed: !outcome.gaveAnAnswer)
        dependencies.metrics.responseEnded(EndedResponse(
            outcome: outcome, httpStatus: httpStatus, upstreamModel: upstreamModel, duration: duration, timeToFirstByte: ttfb,
            usage: usage, notes: allNotes, counts: counts))
        dependencies.usage?.record(model: upstreamModel, counts)
        dependencies.activity.ended(error: error)
    }

    static func milliseconds(_ d: Duration) -> Int { Int((d.inSeconds * 1000).rounded()) }
}
