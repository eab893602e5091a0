import ArgumentParser
import ControlPlane

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Point cc-switch's MiMo provider and Codex's config.toml at the daemon.",
        discussion: """
            Changes nothing when everything is already in sync. Every file is backed up before its first \
            change. --dry-run shows the diff without writing; --undo restores the original upstream.

            The sync keeps to the layout cc-switch gave Codex's files and says which it found. With cc-switch 4 \
            the key stays in config.toml ([model_providers.custom].experimental_bearer_token, refreshed from \
            cc-switch) and auth.json is never created or changed; with cc-switch 3.x auth.json's key is kept \
            equal to cc-switch's. While Codex uses cc-switch's official provider, Codex's files are left alone.
            """)

    @Flag(name: .customLong("dry-run"), help: "Show what would change without writing anything.")
    var dryRun = false

    @Flag(help: "Restore cc-switch's provider to the upstream it had before the first sync.")
    var undo = false

    @Option(name: .customLong("provider"), help: ArgumentHelp("The cc-switch provider to sync, when several look like MiMo.", valueName: "id"))
    var providerID: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let providerID, providerID.isEmpty { throw ValidationError("--provider needs a provider id") }
    }

    func run() throws {
        let (result, json) = try DaemonRequest(options: connection).send(SyncCall(dryRun: dryRun, undo: undo, providerID: providerID))
        print(connection.json ? json.prettyPrinted() : Self.render(result, showDiff: dryRun))
    }

    static func render(_ result: SyncResult, showDiff: Bool) -> String {
        var sections = [result.summary]
        if !result.items.isEmpty {
            var table = TwoColumnTable()
            for item in result.items {
                var value = item.status
                if let backup = item.backup { value += " (backup: \(backup))" }
                if let note = item.note { value += " — \(note)" }
                table.add("  " + item.target, value)
            }
            sections.append(table.rendered())
        }
        if !result.notes.isEmpty { sections.append(result.notes.map { "note: \($0)" }.joined(separator: "\n")) }
        if showDiff, !result.diff.isEmpty {
            sections.append(result.diff.hasSuffix("\n") ? String(result.diff.dropLast()) : result.diff)
        }
        return sections.joined(separator: "\n\n")
    }
}
