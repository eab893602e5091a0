import ArgumentParser
import ControlPlane

struct DrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Empty the response store.",
        discussion: """
            Removes every stored response. Only the cache behind previous_response_id and \
            GET /v1/responses/{id} is affected: Codex resends its history, so running sessions carry on.
            """)

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let (result, json) = try DaemonRequest(options: connection).send(DrainCall())
        print(connection.json ? json.prettyPrinted()
            : "Removed \(HumanFormat.count(result.removed, "response")) (\(HumanFormat.bytes(result.bytesFreed))) from the response store.")
    }
}
