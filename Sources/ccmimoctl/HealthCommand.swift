import ArgumentParser
import ControlPlane

struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check the daemon's listeners, store and upstream settings; exit 1 if any check fails.")

    @Flag(help: "Also send a tiny request to MiMo to prove the key and network work.")
    var probe = false

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let (report, json) = try DaemonRequest(options: connection).send(HealthCall(probe: probe))
        print(connection.json ? json.prettyPrinted() : Self.render(report))
        if !report.healthy { throw ExitStatus.daemonError }
    }

    static func render(_ report: HealthReport) -> String {
        let width = report.checks.map(\.name.count).max() ?? 0
        var lines = report.checks.map { check in
            (check.ok ? "ok    " : "FAIL  ") + check.name + String(repeating: " ", count: width - check.name.count + 2) + check.detail
        }
        lines.append(report.healthy ? "healthy" : "unhealthy")
        return lines.joined(separator: "\n")
    }
}
