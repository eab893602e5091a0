import StateFiles
import ConfigSync
import ControlPlane
import Foundation
import MimoUpstream
import ResponseStore
import ResponsesTranslation

/// What `ccmimoctl` reads from the running daemon.
extension DaemonRuntime {
    static let version = "0.1.0"

    func daemonStatus() async -> DaemonStatus {
        let endpoint = client.endpoint
        var storePart: DaemonStatus.Store?
        if let store, let stats = try? await store.stats() {
            storePart = DaemonStatus.Store(path: stats.path, responses: stats.count, bytes: stats.totalBytes,
                                           maxResponses: store.limits.maxResponses, maxBytes: store.limits.maxBytes)
        }
        let lastSync = await syncRunner.lastRun.map { DaemonStatus.LastSync(at: $0.at, ok: $0.ok, summary: $0.summary) }
        let lastError = await self.lastError.map { DaemonStatus.LastError(at: $0.at, message: $0.message) }
        let uptime = ContinuousClock.now - startedAt
        return DaemonStatus(
            version: Self.version, pid: Int(getpid()),
            uptimeSeconds: uptime.inSeconds,
            httpListeners: httpURLs, controlSocket: controlSocket ?? "", socketActivated: socketActivated,
            upstream: DaemonStatus.Upstream(baseURL: endpoint.baseURL, mode: endpoint.mode.rawValue, source: upstreamSource),
            model: DaemonStatus.ActiveModel(active: models.current.active.id, source: modelSource(),
                                            resolution: models.current.active.description,
                                            vision: models.current.vision.description),
            inFlight: activity.inFlight, served: activity.served, store: storePart, lastSync: lastSync,
            lastError: lastError,
            watchdogSeconds: watchdog.map { Double($0.pingInterval.components.seconds) * 2 },
            idleExit: idleExitStatus(),
            syncRecordProblem: await syncRunner.recordProblem.map { "\($0)" }, usageToday: await usageToday())
    }

    func idleExitStatus() -> DaemonStatus.IdleExit {
        switch idleExit {
        case .notSocketActivated:
            return DaemonStatus.IdleExit(enabled: false, detail: "not socket-activated: nothing would start it again")
        case .turnedOff:
            return DaemonStatus.IdleExit(enabled: false, detail: "idle_exit_minutes = 0")
        case .on(let policy, let watch):
            let after = policy.after.inSeconds
            switch policy.verdict(watch.observe()) {
            case .exit: return DaemonStatus.IdleExit(enabled: true, afterSeconds: after, inSeconds: 0)
            case .wait(_, let busy?): return DaemonStatus.IdleExit(enabled: true, detail: busy, afterSeconds: after)
            case .wait(let delay, nil): return DaemonStatus.IdleExit(enabled: true, afterSeconds: after, inSeconds: delay.inSeconds)
            }
        }
    }


    func modelState(previous: String?) -> ModelState {
        let snapshot = models.current
        var warning: String?
        if snapshot.lineup.serves(snapshot.active.id) == false {
            warning = "MiMo's model list (read \(snapshot.servedAt ?? "earlier")) does not include \(snapshot.active.id); "
                + "if MiMo refuses it, requests go to \(snapshot.pinned != nil ? snapshot.configured.id : ModelDefaults.text). `ccmimoctl models` lists what it serves"
        }
        return ModelState(active: snapshot.active.id, resolution: snapshot.active.description, previous: previous,
                          source: modelSource(), persisted: snapshot.pinned != nil, vision: snapshot.vision.description,
                          available: snapshot.lineup.chatModels, warning: warning)
    }

    /// `ccmimoctl models [--refresh]`.
    func modelsReport(refresh: Bool) async -> ModelsReport {
        var readError = servedModels.lastFailure
        if refresh {
            switch await servedModels.refresh(reason: "ccmimoctl models --refresh", forgetLessons: true) {
            case .success: readError = nil
            case .failure(let failure): readError = failure.description
            }
        }
        let snapshot = models.current
        let lineup = snapshot.lineup
        let served = lineup.chatModels.map { id -> ModelsReport.Served in
            var uses: [String] = []
            if id == snapshot.active.id { uses.append("text") }
            if id == snapshot.vision.id { uses.append("images") }
            let facts = MimoModelFacts.facts(for: id)
            let images = if lineup.refusedImages.contains(id) {
                "refused an image (learned; images go to \(snapshot.vision.id))"
            } else {
                switch facts.imageInput {
                case .accepted: "takes images"
                case .refused: "text only"
                case .disputed: "tried with images (sources disagree)"
                }
            }
            return ModelsReport.Served(id: id, displayName: facts.displayName, uses: uses, images: images)
        }
        let legacy = RetiredModel.all.map { retired in
            ModelsReport.Legacy(name: retired.id, retiredOn: retired.retiredOn, successor: lineup.resolve(id: retired.id).id,
                                stillServed: lineup.serves(retired.id) == true)
        }
        return ModelsReport(upstream: client.endpoint.baseURL, fetchedAt: snapshot.servedAt, readError: readError,
                            text: snapshot.active.description, textID: snapshot.active.id, images: snapshot.vision.description,
                            imagesID: snapshot.vision.id, models: served, legacy: legacy)
    }

    func health(probe: Bool) async -> HealthReport {
        var checks = [HealthReport.Check(name: "listeners", ok: true, detail: httpURLs.joined(separator: ", "))]
        if let store {
            do throws(ResponseStoreError) {
                let stats = try await store.stats()
                checks.append(.init(name: "store", ok: true, detail: "\(stats.count) responses in \(stats.path)"))
            } catch {
                checks.append(.init(name: "store", ok: false, detail: "\(error)"))
            }
        } else {
            checks.append(.init(name: "store", ok: false,
                                detail: "responses are kept in memory only: the store could not be opened (see the log; `ccmimoctl drain` moves a damaged file aside)"))
        }
        checks.append(.init(name: "usage ledger", ok: usage.problem == nil,
                            detail: usage.problem.map { "\($0); usage is counted in memory only" } ?? usage.path))
        if let last = await syncRunner.lastRun {
            checks.append(.init(name: "cc-switch sync", ok: last.ok, detail: last.summary))
        }
        if let problem = await syncRunner.recordProblem {
            checks.append(.init(name: "sync record", ok: false,
                                detail: "\(problem) Serving on \(client.endpoint.baseURL) (\(upstreamSource))."))
        }
        let key = daemonKey()
        checks.append(.init(name: "daemon key", ok: true,
                            detail: key.map { "\($0.redacted) from \($0.source)" } ?? "none (Codex sends the key with each request)"))
        if probe {
            let result = await client.probe(apiKey: key)
            let accepted = result.reachable && (result.status.map { (200..<300).contains($0) } ?? false
                                                || (key == nil && (result.status == 401 || result.status == 403)))
            checks.append(.init(name: "upstream", ok: accepted, detail: result.detail))
        }
        return HealthReport(checks: checks)
    }

    /// The key the daemon itself holds (credential, then environment); requests may bring their own.
    func daemonKey() -> MimoAPIKey? {
        APIKeyResolver.resolve(header: { _ in nil }, credentialsDirectory: environment["CREDENTIALS_DIRECTORY"],
                               environment: environment)
    }

    func storeStatus() async -> Result<StoreStatus, ControlFailure> {
        guard let store else {
            return .success(StoreStatus(path: settings.stateDirectory + "/" + ResponseStore.fileName, responses: 0, bytes: 0,
                                        maxResponses: settings.storeMaxResponses, maxBytes: settings.storeMaxBytes,
                                        inMemory: true))
        }
        do throws(ResponseStoreError) {
            let stats = try await store.stats()
            return .success(StoreStatus(path: stats.path, responses: stats.count, bytes: stats.totalBytes,
                                        maxResponses: store.limits.maxResponses, maxBytes: store.limits.maxBytes,
                                        oldestAt: stats.oldestCreatedAt.map(Self.timestamp),
                                        newestAt: stats.newestCreatedAt.map(Self.timestamp), inMemory: false))
        } catch {
            return .failure(ControlFailure(code: .failed, message: "\(error)"))
        }
    }

    /// Empties the store. When the store could not be opened (a damaged or foreign file), the file is
    /// moved aside instead, so the next start creates a fresh one.
    func drain() async -> Result<DrainResult, ControlFailure> {
        guard let store else {
            let path = settings.stateDirectory + "/" + ResponseStore.fileName
            guard FileManager.default.fileExists(atPath: path) else {
                return .failure(ControlFailure(code: .unavailable, message: "the response store is in memory only and there is no store file to move aside"))
            }
            let aside = path + ".damaged-" + UTCTimestamp.iso8601(Date()).replacingOccurrences(of: ":", with: "")
            do {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                try FileManager.default.moveItem(atPath: path, toPath: aside)
                for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                    try? FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
                }
                logger.notice("moved the unusable response store aside", metadata: ["path": "\(path)", "moved_to": "\(aside)"])
                return .success(DrainResult(removed: 0, bytesFreed: size))
            } catch {
                return .failure(ControlFailure(code: .failed, message: "could not move \(path) aside: \(error)"))
            }
        }
        do throws(ResponseStoreError) {
            let before = try await store.stats().totalBytes
            let removed = try await store.drain()
            logger.notice("response store drained", metadata: ["removed": "\(removed)"])
            return .success(DrainResult(removed: removed, bytesFreed: before))
        } catch {
            return .failure(ControlFailure(code: .failed, message: "\(error)"))
        }
    }

    static func timestamp(_ unixSeconds: Int) -> String {
        UTCTimestamp.iso8601(Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
    }
}
