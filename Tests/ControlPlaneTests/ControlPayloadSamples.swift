import ControlPlane
import ResponsesTranslation

/// One value of every result payload, with every optional field set and (where it has any) with none
/// set, for the golden wire snapshots in Tests/Fixtures/control.
enum ControlPayloadSamples {
    static let fullStatus = DaemonStatus(
        version: "0.3.0", pid: 1234, uptimeSeconds: 7384.125, httpListeners: ["http://127.0.0.1:9876/v1", "http://[::1]:9876/v1"],
        controlSocket: "/run/user/1000/ccmimolink/control.sock", socketActivated: true,
        upstream: .init(baseURL: "https://token-plan-sgp.xiaomimimo.com/v1", mode: "token-plan-sgp", source: "cc-switch"),
        model: .init(active: "mimo-v2.6-pro", source: "ccmimoctl", resolution: "v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro",
                     vision: "mimo-v2.6-flash"),
        inFlight: 2, served: 40,
        store: .init(path: "/s/responses.sqlite", responses: 10, bytes: 2048, maxResponses: 1000, maxBytes: 1 << 30),
        lastSync: .init(at: "2025-06-01T12:00:00Z", ok: false, summary: "cc-switch.db is locked"),
        lastError: .init(at: "2025-06-01T12:05:00Z", message: "429 from MiMo: \"slow down\"\nretrying"),
        watchdogSeconds: 15, idleExit: .init(enabled: true, detail: "1 request in flight", afterSeconds: 900, inSeconds: 12.5),
        syncRecordProblem: "ccmimolink's sync record /s/cc-switch-sync.sqlite cannot be read",
        usageToday: .init(model: nil, counts: UsageCounts(requests: 3, failed: 1, freshInputTokens: 100, cachedInputTokens: 900,
                                                          outputTokens: 20, reasoningTokens: 5), costUSD: nil, knownCostUSD: 0.0123, unpriced: ["mimo-v2.6-pro-ultraspeed"]))

    static let minimalStatus = DaemonStatus(
        version: "0.3.0", pid: 1, uptimeSeconds: 0, httpListeners: [], controlSocket: "", socketActivated: false,
        upstream: .init(baseURL: "https://api.xiaomimimo.com/v1", mode: "standard", source: "default"),
        model: .init(active: "mimo-v2.6-flash", source: "default"), inFlight: 0, served: 0, store: nil)

    static let health = HealthReport(checks: [
        .init(name: "listeners", ok: true, detail: "http://127.0.0.1:9876/v1"),
        .init(name: "upstream", ok: false, detail: "401 from MiMo"),
        .init(name: "empty", ok: true, detail: ""),
    ])

    static let fullSync = SyncResult(
        outcome: .wouldChange, summary: "would point provider mimo at http://127.0.0.1:9876/v1", provider: "mimo",
        upstream: "https://api.xiaomimimo.com/v1", layout: "cc-switch 4",
        items: [.init(target: "~/.codex/config.toml", status: "would change", backup: "/b/config.toml.1", note: "model"),
                .init(target: "cc-switch.db provider mimo", status: "unchanged")],
        diff: "--- a/config.toml\n+++ b/config.toml\n-x\n+y\n", notes: ["restart Codex", "ünïcødé \u{1F600}"])

    static let minimalSync = SyncResult(outcome: .alreadyInSync, summary: "nothing to do")

    static let fullModel = ModelState(
        active: "mimo-v2.6-pro", resolution: "pro → mimo-v2.6-pro", previous: "mimo-v2.6-flash", source: "ccmimoctl",
        persisted: true, vision: "mimo-v2.6-flash", available: ["mimo-v2.6-flash", "mimo-v2.6-pro"],
        warning: "MiMo's model list does not include mimo-v2.6-pro")

    static let minimalModel = ModelState(active: "mimo-v2.6-flash", source: "default", persisted: false)

    static let models = ModelsReport(
        upstream: "https://api.xiaomimimo.com/v1", fetchedAt: "2026-12-01T08:00:00Z", readError: nil,
        text: "mimo-v2.6-pro", textID: "mimo-v2.6-pro", images: "mimo-v2.6-flash", imagesID: "mimo-v2.6-flash",
        models: [.init(id: "mimo-v2.6-pro", displayName: "MiMo V2.6 Pro", uses: ["text"], images: "text only"),
                 .init(id: "mimo-v2.6-flash", displayName: "MiMo V2.6 Flash", uses: ["images"], images: "takes images"),
                 .init(id: "mimo-v2.6-pro-ultraspeed", displayName: "MiMo V2.6 Pro Ultraspeed", uses: [], images: "text only")],
        legacy: [.init(name: "mimo-v2.5-pro", retiredOn: "2026-10-21", successor: "mimo-v2.6-pro", stillServed: false),
                 .init(name: "mimo-v2.5", retiredOn: "2026-10-21", successor: "mimo-v2.6-flash", stillServed: true)])

    static let unreadModels = ModelsReport(
        upstream: "https://api.xiaomimimo.com/v1", fetchedAt: nil, readError: "MiMo answered 503",
        text: "mimo-v2.6-pro", textID: "mimo-v2.6-pro", images: "mimo-v2.6-flash", imagesID: "mimo-v2.6-flash",
        models: [], legacy: [])

    static let drain = DrainResult(removed: 3, bytesFreed: 4096)

    static let fullStore = StoreStatus(path: "/s/responses.sqlite", responses: 2, bytes: 10, maxResponses: 5, maxBytes: 100,
                                       oldestAt: "2025-06-01T12:00:00Z", newestAt: "2025-06-02T12:00:00Z", inMemory: false)

    static let memoryStore = StoreStatus(path: "/s/responses.sqlite", responses: 0, bytes: 0, maxResponses: 1000,
                                         maxBytes: 1 << 30, inMemory: true)

    static let fullReload = ReloadResult(applied: ["model: mimo-v2.6-flash → mimo-v2.6-pro"], needsRestart: ["listen"],
                                         sync: fullSync, warnings: ["unknown key foo"])

    static let emptyReload = ReloadResult()

    static let usage: UsageReport = {
        let pro = UsageReport.Counts(model: "mimo-v2.6-pro", counts: UsageCounts(requests: 2, failed: 0, freshInputTokens: 10, cachedInputTokens: 20, outputTokens: 4, reasoningTokens: 1), costUSD: 0.1 + 0.2)
        let fast = UsageReport.Counts(model: "mimo-v2.6-pro-ultraspeed", counts: UsageCounts(requests: 1, failed: 1, freshInputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0), costUSD: nil)
        let total = UsageReport.Counts(model: nil, counts: UsageCounts(requests: 3, failed: 1, freshInputTokens: 10, cachedInputTokens: 20, outputTokens: 4, reasoningTokens: 1), costUSD: nil, knownCostUSD: 0.1 + 0.2,
                                       unpriced: ["mimo-v2.6-pro-ultraspeed"])
        let empty = UsageReport.Counts(model: nil, counts: UsageCounts(requests: 0, failed: 0, freshInputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0), costUSD: 0, knownCostUSD: 0)
        return UsageReport(
            today: "2026-12-15", timeZone: "Europe/Berlin", costShown: true, costNote: "usage_cost = auto: estimated",
            periods: [.init(label: "today", first: "2026-12-15", last: "2026-12-15", total: total, models: [pro, fast]),
                      .init(label: "7 days", first: "2026-12-09", last: "2026-12-15", total: empty, models: [])],
            days: [.init(label: "2026-12-15", first: "2026-12-15", last: "2026-12-15", total: total, models: [pro])],
            prices: [.init(model: "mimo-v2.6-pro", input: 0.435, cachedInput: 0.0036, output: 0.87, recorded: "2026-12-07",
                           source: "Xiaomi"),
                     .init(model: "mimo-v3-pro", input: 1, cachedInput: 1e-7, output: 2, recorded: nil, source: "file c.toml")],
            ledgerPath: "/s/usage.sqlite", ledgerProblem: "the ledger file is read-only; counting in memory", retentionDays: 366)
    }()

    static let quietUsage = UsageReport(
        today: "2026-12-15", timeZone: "UTC", costShown: false, costNote: "usage_cost = off", periods: [], days: [], prices: [],
        ledgerPath: "/s/usage.sqlite", ledgerProblem: nil, retentionDays: 366)
}
