import ResponsesTranslation
import StateFiles
import ConfigSync
import DaemonConfiguration
import Foundation
import Logging
import NIOPosix

/// Runs cc-switch syncs for the daemon: at start, on reload and for `ccmimoctl sync`, one at a
/// time (an actor), on NIO's blocking thread pool because a sync waits on disk and on cc-switch.db's
/// lock. Every path reports through the same `SyncReport`, and the last real run is kept for status.
actor SyncRunner {
    /// What the last sync (not a dry run) did, for `ccmimoctl status` and the unit's status line.
    struct LastRun: Sendable {
        var at: String
        var ok: Bool
        var summary: String
    }

    private var paths: SyncPaths?
    private var daemonURL: String
    private let logger: Logger?
    private(set) var lastRun: LastRun?
    /// Why ccmimolink's sync record could not be read the last time the upstream was recalled; nil
    /// when it was read (or never looked at).
    private(set) var recordProblem: SyncError?

    init(paths: SyncPaths?, daemonURL: String, logger: Logger? = nil) {
        self.paths = paths
        self.daemonURL = daemonURL
        self.logger = logger
    }

    /// After a reload: the files may have moved, the port may not (it needs a restart).
    func update(paths: SyncPaths?) {
        self.paths = paths
    }

    func sync(dryRun: Bool = false, providerID: String? = nil) async -> Result<SyncReport, SyncFailure> {
        let options = SyncOptions(daemonURL: daemonURL, dryRun: dryRun, providerID: providerID)
        let result = await runBlocking { paths throws(SyncError) in try CCSwitchSync.sync(paths: paths, options: options) }
        if !dryRun { record(result) }
        return result
    }

    func undo(dryRun: Bool = false) async -> Result<SyncReport, SyncFailure> {
        let result = await runBlocking { paths throws(SyncError) in
            try CCSwitchSync.undo(paths: paths, options: UndoOptions(dryRun: dryRun))
        }
        if !dryRun { record(result) }
        return result
    }

    /// Where the synced provider's traffic should go, from ccmimolink's own state. A record that
    /// cannot be read is logged (once per distinct problem) and the last upstream read from it is
    /// used instead, so traffic never silently moves to MiMo's default host.
    func recallUpstream() async -> UpstreamRecall {
        guard let paths else { return UpstreamRecall(upstream: nil) }
        let recall = await Self.offloaded { CCSwitchSync.recallUpstream(paths: paths) }
        if let problem = recall.recordProblem, problem != recordProblem {
            let upstream = recall.upstream.map { "\($0.baseURL) (last known, cc-switch provider \"\($0.providerName)\")" }
                ?? "none known: the configured upstream"
            logger?.error("ccmimolink's sync record cannot be read; keeping the last known upstream",
                          metadata: ["error": "\(problem)", "upstream": "\(upstream)"])
        } else if recall.recordProblem == nil, recordProblem != nil {
            logger?.notice("ccmimolink's sync record is readable again")
        }
        if let problem = recall.lastKnownProblem {
            logger?.warning("could not keep the last known upstream beside the sync record", metadata: ["error": "\(problem)"])
        }
        recordProblem = recall.recordProblem
        return recall
    }

    private func record(_ result: Result<SyncReport, SyncFailure>) {
        switch result {
        case .success(let report): lastRun = LastRun(at: UTCTimestamp.iso8601(Date()), ok: true, summary: report.summary)
        case .failure(let failure): lastRun = LastRun(at: UTCTimestamp.iso8601(Date()), ok: failure.isSkip, summary: failure.summary)
        }
    }

    private func runBlocking(
        _ body: @escaping @Sendable (SyncPaths) throws(SyncError) -> SyncReport
    ) async -> Result<SyncReport, SyncFailure> {
        guard let paths else { return .failure(.noHome) }
        return await Self.offloaded {
            do throws(SyncError) { return .success(try body(paths)) } catch { return .failure(.sync(error)) }
        }
    }

    private static func offloaded<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive(body)
        } catch {
            // The singleton pool is never shut down while the daemon runs; run inline rather than fail.
            return body()
        }
    }
}

/// Why a sync did not happen.
enum SyncFailure: Error, Sendable, CustomStringConvertible {
    case noHome
    case sync(SyncError)

    /// cc-switch not being installed is a normal setup (the daemon is used without it), not a fault.
    var isSkip: Bool {
        if case .sync(.ccSwitchNotInstalled) = self { return true }
        return false
    }

    var summary: String {
        isSkip ? "skipped: \(description)" : "failed: \(description)"
    }

    var description: String {
        switch self {
        case .noHome: "HOME is not set to an absolute path, so cc-switch and Codex's files cannot be found"
        case .sync(let error): error.description
        }
    }
}

extension SyncPaths {
    /// The paths a sync uses, from the daemon's settings. Codex's directory is explicit only when the
    /// user set `codex_config_path`; otherwise cc-switch's `codexConfigDir` decides, as in cc-switch.
    static func from(settings: DaemonSettings, environment: [String: String]) -> SyncPaths? {
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        var codexDirectory: String?
        if settings.source(of: .codexConfigPath) != .defaultValue {
            let path = settings.codexConfigPath
            codexDirectory = path.hasSuffix(".toml") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : path
        }
        return SyncPaths(ccSwitchSettings: settings.ccSwitchSettingsPath, ccSwitchDatabase: settings.ccSwitchDatabasePath,
                         codexDirectory: codexDirectory, home: home, stateDirectory: settings.stateDirectory)
    }
}
