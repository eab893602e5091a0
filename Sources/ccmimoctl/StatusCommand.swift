import ArgumentParser
import ControlPlane

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show where the daemon listens, its upstream, model, store and last sync.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let (status, json) = try DaemonRequest(options: connection).send(StatusCall())
        print(connection.json ? json.prettyPrinted() : Self.render(status))
    }

    static func render(_ status: DaemonStatus) -> String {
        var table = TwoColumnTable()
        table.add("Daemon", "ccmimolinkd \(status.version), pid \(status.pid), up \(HumanFormat.uptime(status.uptimeSeconds))")
        table.add("Listening", values: status.httpListeners.isEmpty ? ["(no HTTP listener)"] : status.httpListeners)
        table.add("Control", status.controlSocket + (status.socketActivated ? " (socket-activated)" : ""))
        table.add("Upstream", "\(status.upstream.baseURL) (\(status.upstream.mode), from \(status.upstream.source))")
        table.add("Model", "\(status.model.resolution) (from \(status.model.source))")
        if !status.model.vision.isEmpty { table.add("Images", status.model.vision) }
        table.add("Requests", "\(status.inFlight) in flight, \(status.served) served")
        if let store = status.store {
            table.add("Store", "\(HumanFormat.count(store.responses, "response")) of \(store.maxResponses), "
                + "\(HumanFormat.bytes(store.bytes)) of \(HumanFormat.bytes(store.maxBytes))")
            table.add("", store.path)
        } else {
            table.add("Store", "in memory only (nothing survives a restart)")
        }
        if let usage = status.usageToday { table.add("Usage", "today: " + Self.usageLine(usage)) }
        if let sync = status.lastSync {
            table.add("Last sync", "\(sync.at) \(sync.ok ? "ok" : "FAILED"): \(sync.summary)")
        } else {
            table.add("Last sync", "never")
        }
        if let problem = status.syncRecordProblem {
            table.add("Sync record", "UNREADABLE: \(problem)")
        }
        if let error = status.lastError {
            table.add("Last error", error.at.map { "\($0) \(error.message)" } ?? error.message)
        }
        if let watchdog = status.watchdogSeconds {
            table.add("Watchdog", HumanFormat.seconds(watchdog))
        }
        if let idle = status.idleExit { table.add("Idle exit", Self.render(idle)) }
        return table.rendered()
    }

    static func render(_ idle: DaemonStatus.IdleExit) -> String {
        guard idle.enabled, let after = idle.afterSeconds else { return "never (\(idle.detail ?? "off"))" }
        let period = "after \(HumanFormat.uptime(after)) idle"
        if let inSeconds = idle.inSeconds { return "\(period); in \(HumanFormat.uptime(inSeconds.rounded(.up))) if nothing happens" }
        return "\(period); not now: \(idle.detail ?? "busy")"
    }

    /// "12 requests (1 failed), 1.23M input (92% cached), 34.5K output (12.0K reasoning), $0.0312".
    static func usageLine(_ usage: UsageReport.Counts) -> String {
        var parts = [HumanFormat.count(usage.requests, "request") + (usage.failed > 0 ? " (\(usage.failed) failed)" : "")]
        if usage.requests > 0 {
            parts.append("\(HumanFormat.tokens(usage.inputTokens)) input (\(HumanFormat.share(usage.cachedShare)) cached)")
            parts.append("\(HumanFormat.tokens(usage.outputTokens)) output (\(HumanFormat.tokens(usage.reasoningTokens)) reasoning)")
        }
        if usage.costUSD != nil || usage.knownCostUSD != nil { parts.append("est. " + UsageTable.cost(usage)) }
        return parts.joined(separator: ", ")
    }
}
