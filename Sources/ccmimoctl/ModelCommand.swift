import ArgumentParser
import ControlPlane
import ResponsesTranslation

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Show or switch the model text requests go to.",
        discussion: """
            With no NAME, shows the active model. NAME may be short (v2.5, v2.5-pro) or a full id \
            (mimo-v2.5-pro); any MiMo id works. The choice applies at once and survives restarts. \
            Requests with images always use mimo-v2.5.
            """)

    @Argument(help: ArgumentHelp("The model to switch to, e.g. v2.5-pro.", valueName: "name"))
    var name: String?

    @Flag(help: "Go back to the configured (or default) model.")
    var reset = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if reset, name != nil { throw ValidationError("give a model name or --reset, not both") }
        if let name { _ = try Self.modelID(name) }
    }

    /// `v2.5-pro` → `mimo-v2.5-pro`, as the daemon and Codex name it.
    static func modelID(_ name: String) throws -> String {
        let trimmed = name.trimmingPrefix(while: \.isWhitespace)
        let word = String(trimmed.reversed().trimmingPrefix(while: \.isWhitespace).reversed())
        guard !word.isEmpty else { throw ValidationError("the model name is empty; name one such as v2.5-pro") }
        guard !word.contains(where: \.isWhitespace) else {
            throw ValidationError("a model name is one word, such as mimo-v2.5-pro")
        }
        return MimoModels.canonicalID(word)
    }

    func run() throws {
        let action: ControlCommand.ModelAction = if reset { .reset } else if let name { .select(try Self.modelID(name)) } else { .show }
        let (state, json) = try DaemonRequest(options: connection).send(.model(action), expecting: ModelState.self)
        print(connection.json ? json.prettyPrinted() : Self.render(state))
    }

    static func render(_ state: ModelState) -> String {
        var table = TwoColumnTable()
        var active = state.active
        if let previous = state.previous, previous != state.active { active += " (was \(previous))" }
        table.add("Active", active)
        table.add("Source", state.source + (state.persisted ? " (pinned; kept across restarts)" : ""))
        if !state.available.isEmpty { table.add("Available", state.available.joined(separator: ", ")) }
        return table.rendered()
    }
}
