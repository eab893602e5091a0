import ConfigSync
import DaemonConfiguration
import Foundation

/// `ccmimolinkd --sync-only [--dry-run] [--undo]`: the same sync the daemon runs at start, once,
/// for machines where the daemon is not running yet (or for a package's post-install step).
enum SyncOnlyCommand {
    static func run(settings: DaemonSettings, environment: [String: String], dryRun: Bool, undo: Bool) async -> Int32 {
        let runner = SyncRunner(paths: SyncPaths.from(settings: settings, environment: environment),
                                daemonURL: SyncOptions.daemonURL(port: settings.port, host: urlHost(settings.listen)))
        let result = undo ? await runner.undo(dryRun: dryRun) : await runner.sync(dryRun: dryRun)
        switch result {
        case .success(let report):
            print(SyncReportText.render(report, includeDiff: dryRun))
            return 0
        case .failure(let failure):
            FileHandle.standardError.write(Data("ccmimolinkd: sync \(failure.summary)\n".utf8))
            return 1
        }
    }

    /// IPv6 literals need brackets inside a URL.
    static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}

/// A sync report as text for a terminal or a log: the summary, then each file or row, notes and the
/// diff (a dry run's whole point).
enum SyncReportText {
    static func render(_ report: SyncReport, includeDiff: Bool) -> String {
        var lines = [report.summary]
        if let layout = report.layout { lines.append("layout: \(layout.rawValue) — \(layout.explanation)") }
        for item in report.items {
            var line = "  \(item.status.rawValue): \(item.target)"
            if let backup = item.backup { line += " (backup: \(backup))" }
            if let note = item.note { line += " — \(note)" }
            lines.append(line)
        }
        for note in report.notes { lines.append("note: \(note)") }
        if includeDiff, !report.diff.isEmpty { lines.append(report.diff.hasSuffix("\n") ? String(report.diff.dropLast()) : report.diff) }
        return lines.joined(separator: "\n")
    }
}
