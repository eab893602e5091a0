import ArgumentParser
import ControlPlane

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Show the response store's size, bounds and age.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let (store, json) = try DaemonRequest(options: connection).send(StoreCall())
        print(connection.json ? json.prettyPrinted() : Self.render(store))
    }

    static func render(_ store: StoreStatus) -> String {
        var table = TwoColumnTable()
        table.add("Path", store.inMemory ? "\(store.path) (in memory only: nothing survives a restart)" : store.path)
        table.add("Responses", "\(store.responses) of \(store.maxResponses)")
        table.add("Size", "\(HumanFormat.bytes(store.bytes)) of \(HumanFormat.bytes(store.maxBytes))")
        table.add("Oldest", store.oldestAt ?? "-")
        table.add("Newest", store.newestAt ?? "-")
        return table.rendered()
    }
}
