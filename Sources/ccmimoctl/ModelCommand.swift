import ArgumentParser
import ControlPlane
import ResponsesTranslation

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Show or switch the model text requests go to.",
        discussion: """
            With no NAME, shows the active model and how its name resolved. NAME may be short (v2.6-pro, \
            v2.6-flash), a family (pro, flash: the newest of that kind MiMo serves) or a full id \
            (mimo-v2.6-pro); any MiMo id works. A retired name (v2.5-pro) goes to its successor unless MiMo \
            still serves it. The choice applies at once, to running Codex sessions too, and survives \
            restarts. Requests with images go to the vision model when the active one takes none; \
            `ccmimoctl models` lists what MiMo serves.
            """)

    @Argument(help: ArgumentHelp("The model to switch to, e.g. pro, flash or v2.6-pro.", valueName: "name"))
    var name: String?

    @Flag(help: "Go back to the configured (or default) model.")
    var reset = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if reset, name != nil { throw ValidationError("give a model name or --reset, not both") }
        if let name { _ = try Self.checked(name) }
    }

    /// The name as typed, once it could be a model; the daemon resolves it against what MiMo serves.
    static func checked(_ name: String) throws -> String {
        let word = name.trimmedWhitespace
        guard !word.isEmpty else { throw ValidationError("the model name is empty; name one such as pro or v2.6-pro") }
        guard !word.contains(where: \.isWhitespace) else {
            throw ValidationError("a model name is one word, such as mimo-v2.6-pro")
        }
        guard MimoModelName.parse(word) != nil else {
            throw ValidationError("'\(word)' is not a MiMo model name; try pro, flash, v2.6-pro or mimo-v2.6-pro")
        }
        return word
    }

    func run() throws {
        let action: ControlCommand.ModelAction = if reset { .reset } else if let name { .select(try Self.checked(name)) } else { .show }
        let (state, json) = try DaemonRequest(options: connection).send(ModelCall(action))
        print(connection.json ? json.prettyPrinted() : Self.render(state))
    }

    static func render(_ state: ModelState) -> String {
        var table = TwoColumnTable()
        var active = state.resolution
        if let previous = state.previous, previous != state.active { active += " (was \(previous))" }
        table.add("Active", active)
        table.add("Source", state.source + (state.persisted ? " (pinned; kept across restarts)" : ""))
        if !state.vision.isEmpty { table.add("Images", state.vision) }
        if !state.available.isEmpty { table.add("Served", state.available.joined(separator: ", ")) }
        if let warning = state.warning { table.add("Warning", warning) }
        return table.rendered()
    }
}
