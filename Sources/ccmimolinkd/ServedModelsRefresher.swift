import StateFiles
import ConfigSync
import Foundation
import Logging
import MimoUpstream
import NIOConcurrencyHelpers
import ProxyServer
import ResponsesTranslation

/// Keeps the lineup's copy of the upstream's `GET /models` fresh, without ever holding up a request:
/// reads happen in the background at start, on reload, on `ccmimoctl models --refresh`, after MiMo
/// answered "not supported model", and on a request when the copy is missing or a day old. Each good
/// answer is stored per upstream (`ServedModelsFile`), so a restart starts from it, with the models
/// that refused images: those stay text-only until the user asks for a read or the list changes.
///
/// MiMo's `/models` needs a key. The daemon's own (credential, environment) is used when it has one,
/// else the key the latest request brought, which is kept in memory only.
final class ServedModelsRefresher: ServedModelsRefreshing {
    /// A copy older than this is read again on the next request.
    static let maxAge: Duration = .seconds(24 * 3600)
    /// A failed read is not tried again on requests sooner than this (an explicit refresh always is).
    static let retryAfterFailure: Duration = .seconds(300)

    private struct State: Sendable {
        var baseURL: String
        var fetched: ContinuousClock.Instant?
        var lastAttempt: ContinuousClock.Instant?
        var requestKey: MimoAPIKey?
        var running: Task<Result<[String], ServedModelsFailure>, Never>?
        var lastFailure: String?

        func wantsRead(at now: ContinuousClock.Instant) -> Bool {
            guard running == nil else { return false }
            if let lastAttempt, fetched.map({ $0 < lastAttempt }) ?? true, now - lastAttempt < ServedModelsRefresher.retryAfterFailure {
                return false
            }
            return fetched.map { now - $0 > ServedModelsRefresher.maxAge } ?? true
        }
    }

    private let client: MimoClient
    private let models: ModelSelection
    private let file: ServedModelsFile
    private let daemonKey: @Sendable () -> MimoAPIKey?
    private let logger: Logger
    private let state: NIOLockedValueBox<State>
    private let saving = NIOLockedValueBox(())

    init(client: MimoClient, models: ModelSelection, file: ServedModelsFile, daemonKey: @escaping @Sendable () -> MimoAPIKey?,
         logger: Logger) {
        self.client = client
        self.models = models
        self.file = file
        self.daemonKey = daemonKey
        self.logger = logger
        self.state = NIOLockedValueBox(State(baseURL: client.endpoint.baseURL))
    }

    /// Loads the stored answer for the current upstream into the lineup (start, reroute).
    func loadStored() {
        let baseURL = client.endpoint.baseURL
        let (entry, problem) = file.entry(for: baseURL)
        if let problem { logger.warning("\(problem)") }
        state.withLockedValue {
            $0.baseURL = baseURL
            $0.fetched = nil
        }
        models.replaceLineup(entry?.lineup ?? ModelLineup(), servedAt: entry?.fetchedAt)
        if let entry {
            logger.info("models MiMo served when last asked", metadata: ["upstream": "\(baseURL)", "fetched_at": "\(entry.fetchedAt)",
                                                                         "models": "\(entry.models.joined(separator: " "))"])
        }
    }

    /// The upstream changed: its lineup is another one.
    func upstreamChanged() {
        guard state.withLockedValue({ $0.baseURL }) != client.endpoint.baseURL else { return }
        loadStored()
        refreshInBackground(reason: "the upstream changed")
    }

    // MARK: ServedModelsRefreshing

    func requestSeen(key: MimoAPIKey) {
        let due = state.withLockedValue { state -> Bool in
            state.requestKey = key
            return state.wantsRead(at: .now)
        }
        if due { refreshInBackground(reason: "no recent list") }
    }

    func modelNotServed(_ model: String, key: MimoAPIKey) {
        state.withLockedValue { $0.requestKey = key }
        logger.notice("MiMo does not serve \(model); reading its model list again")
        refreshInBackground(reason: "MiMo did not serve \(model)")
    }

    func modelRefusedImages(_ model: String) {
        logger.notice("\(model) refused an image; images go to the vision model until `ccmimoctl models --refresh`")
        saveCurrent(baseURL: state.withLockedValue { $0.baseURL })
    }

    // MARK: Reads

    func refreshInBackground(reason: String, forgetLessons: Bool = false) {
        Task { _ = await self.refresh(reason: reason, forgetLessons: forgetLessons) }
    }

    /// Reads the list now, or waits for the read already under way, and returns what came of it.
    /// `forgetLessons`: the user asked (`ccmimoctl models --refresh`, a reload), so which models refused
    /// images starts over; automatic reads keep that unless the list changed.
    func refresh(reason: String, forgetLessons: Bool = false) async -> Result<[String], ServedModelsFailure> {
        let task = state.withLockedValue { state in
            if let running = state.running { return running }
            let task = Task { () -> Result<[String], ServedModelsFailure> in
                let result = await self.read(reason: reason, forgetLessons: forgetLessons)
                self.state.withLockedValue { $0.running = nil }
                return result
            }
            state.running = task
            return task
        }
        return await task.value
    }

    private func read(reason: String, forgetLessons: Bool) async -> Result<[String], ServedModelsFailure> {
        let key = daemonKey() ?? state.withLockedValue { $0.requestKey }
        let baseURL = client.endpoint.baseURL
        let mark = models.lessonMark()
        let result = if let key { await client.servedModels(apiKey: key) } else { Result<[String], ServedModelsFailure>.failure(.noKey) }
        let now = ContinuousClock.now
        switch result {
        case .success(let ids):
            apply(ids, baseURL: baseURL, reason: reason, forgetLessons: forgetLessons, since: mark)
            state.withLockedValue {
                $0.fetched = now
                $0.lastAttempt = now
                $0.lastFailure = nil
            }
        case .failure(let failure):
            let repeated = state.withLockedValue { state -> Bool in
                defer {
                    // Without a key nothing was asked: the next request's key may ask at once.
                    if failure != .noKey { state.lastAttempt = now }
                    state.lastFailure = failure.description
                }
                return state.lastFailure == failure.description
            }
            if case .noKey = failure {
                logger.debug("model list not read: \(failure)")
            } else if !repeated {
                logger.warning("could not read MiMo's model list; keeping the last one", metadata: ["error": "\(failure)"])
            }
        }
        return result
    }

    private func apply(_ ids: [String], baseURL: String, reason: String, forgetLessons: Bool, since mark: UInt64) {
        let before = models.current
        let time = UTCTimestamp.iso8601(Date())
        models.replaceServed(ids, at: time, forgetLessons: forgetLessons, since: mark)
        let after = models.current
        if before.lineup.served != after.lineup.served {
            logger.notice("MiMo serves these models", metadata: ["upstream": "\(baseURL)", "reason": "\(reason)",
                                                                 "models": "\(after.lineup.chatModels.joined(separator: " "))"])
        }
        for (role, old, new) in [("text", before.active, after.active), ("images", before.vision, after.vision)] where old.id != new.id {
            logger.notice("model for \(role) now resolves differently", metadata: ["model": "\(new)", "was": "\(old.id)"])
        }
        saveCurrent(baseURL: baseURL)
    }

    /// Writes the lineup as it is now. Serialized, and reading the lineup inside, so that of a list
    /// read and a lesson landing together the later write holds both.
    private func saveCurrent(baseURL: String) {
        saving.withLockedValue { _ in
            let snapshot = models.current
            guard let served = snapshot.lineup.served, let fetchedAt = snapshot.servedAt else { return }
            save(ServedModelsFile.Entry(baseURL: baseURL, fetchedAt: fetchedAt, models: served,
                                        refusedImages: Array(snapshot.lineup.refusedImages)))
        }
    }

    private func save(_ entry: ServedModelsFile.Entry) {
        do {
            try file.save(entry)
        } catch {
            logger.warning("could not store MiMo's model list; it lasts until the daemon restarts",
                           metadata: ["path": "\(file.path)", "error": "\(error)"])
        }
    }

    /// What `ccmimoctl models` shows about the reads.
    var lastFailure: String? { state.withLockedValue { $0.lastFailure } }
}
