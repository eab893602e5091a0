import ArgumentParser
import ControlPlane

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models MiMo serves, which serves text and which images, and the legacy names.",
        discussion: """
            The list is MiMo's own (GET /models), read at start, on reload, after MiMo refused a model, \
            once a day, and with --refresh; the last answer is kept in the state directory. A model \
            that refused an image is sent no more images until the list is read again. Legacy names \
            are retired ids people still type; their requests go to the successor shown.
            """)

    @Flag(help: "Read MiMo's model list again before showing it.")
    var refresh = false

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let (report, json) = try DaemonRequest(options: connection).send(ModelsCall(refresh: refresh))
        print(connection.json ? json.prettyPrinted() : Self.render(report))
    }

    static func render(_ report: ModelsReport) -> String {
        var lines: [String] = []
        let read = report.fetchedAt.map { "models it serves (read \($0))" }
            ?? "not asked yet: the current models known to this release"
        lines.append("MiMo at \(report.upstream): \(read)")
        if let error = report.readError { lines.append("Last read failed: \(error)") }
        lines.append("")
        let idWidth = max(report.models.map(\.id.count).max() ?? 0, 5)
        let useWidth = 11
        lines.append(pad("MODEL", idWidth) + "  " + pad("USED FOR", useWidth) + "  IMAGES")
        for model in report.models {
            let uses = model.uses.isEmpty ? "-" : model.uses.joined(separator: ", ")
            lines.append(pad(model.id, idWidth) + "  " + pad(uses, useWidth) + "  " + model.images)
        }
        lines.append("")
        lines.append("Text:   \(report.text)")
        lines.append("Images: \(report.images)")
        if !report.legacy.isEmpty {
            lines.append("")
            lines.append("Legacy names:")
            for legacy in report.legacy {
                let fate = legacy.stillServed ? "still served, passed through" : "→ \(legacy.successor)"
                lines.append("  " + pad(legacy.name, idWidth) + "  retired \(legacy.retiredOn), \(fate)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(width - text.count, 0))
    }
}
