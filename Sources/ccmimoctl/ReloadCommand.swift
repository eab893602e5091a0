import ArgumentParser
import ControlPlane

struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Re-read the configuration and sync, like `systemctl --user reload ccmimolinkd`.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let (result, json) = try DaemonRequest(options: connection).send(ReloadCall())
        print(connection.json ? json.prettyPrinted() : Self.render(result))
    }

    static func render(_ result: ReloadResult) -> String {
        var lines: [String] = []
        lines.append(result.applied.isEmpty ? "No setting changed." : "Applied:")
        lines += result.applied.map { "  \($0)" }
        if !result.needsRestart.isEmpty {
            lines.append("Needs a restart (systemctl --user restart ccmimolinkd):")
            lines += result.needsRestart.map { "  \($0)" }
        }
        lines += result.warnings.map { "warning: \($0)" }
        if let sync = result.sync { lines.append("Sync: " + SyncCommand.render(sync, showDiff: false)) }
        return lines.joined(separator: "\n")
    }
}
