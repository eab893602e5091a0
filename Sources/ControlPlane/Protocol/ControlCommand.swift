import ResponsesTranslation

/// What `ccmimoctl` can ask the daemon to do, as the wire has it: a name and strict arguments. Each
/// command has a `ControlCall` that pairs it with its result type (ControlCalls.swift).
public enum ControlCommand: Sendable, Equatable {
    case status
    /// `probe` also sends a tiny request to MiMo instead of only checking local state.
    case health(probe: Bool)
    /// `providerID` picks the cc-switch provider when more than one looks like MiMo.
    case sync(dryRun: Bool, undo: Bool, providerID: String?)
    case model(ModelAction)
    /// What the upstream serves; `refresh` reads its model list again first.
    case models(refresh: Bool)
    /// Empties the response store.
    case drain
    case store
    /// Re-reads the configuration, like SIGHUP, and says what changed.
    case reload
    /// Tokens used today, in the last 7 and 30 days, and per day for the last `days` days (0: none).
    case usage(days: Int)

    /// The most days `usage` shows one by one: the ledger keeps a year and a day.
    public static let maxUsageDays = 366

    public enum ModelAction: Sendable, Equatable {
        case show
        /// A model name as the user typed it; the daemon resolves it (`v2.5-pro` → `mimo-v2.6-pro`, `pro`
        /// → the newest pro model the upstream serves).
        case select(String)
        /// Back to the configured (or default) model.
        case reset
    }

    /// Every command's name on the wire, for help texts and hints.
    public static let wireNames = ["status", "health", "sync", "model", "models", "drain", "store", "reload", "usage"]

    public var wireName: String {
        switch self {
        case .status: "status"
        case .health: "health"
        case .sync: "sync"
        case .model: "model"
        case .models: "models"
        case .drain: "drain"
        case .store: "store"
        case .reload: "reload"
        case .usage: "usage"
        }
    }

    /// The `args` object; empty when the command has nothing to say beyond its name.
    public var arguments: JSONObject {
        var args = JSONObject()
        switch self {
        case .status, .drain, .store, .reload:
            break
        case .health(let probe):
            if probe { args.appendUnique("probe", true) }
        case .sync(let dryRun, let undo, let providerID):
            if dryRun { args.appendUnique("dry_run", true) }
            if undo { args.appendUnique("undo", true) }
            if let providerID { args.appendUnique("provider", .string(providerID)) }
        case .model(.show):
            break
        case .model(.select(let name)):
            args.appendUnique("select", .string(name))
        case .model(.reset):
            args.appendUnique("reset", true)
        case .models(let refresh):
            if refresh { args.appendUnique("refresh", true) }
        case .usage(let days):
            if days > 0 { args.appendUnique("days", .int(days)) }
        }
        return args
    }

    /// Reads a command from its wire name and `args`. `id` only labels the error.
    public init(wireName: String, arguments: JSONObject, id: Int?) throws(ControlProtocolError) {
        var reader = ArgumentReader(command: wireName, arguments: arguments, id: id)
        switch wireName {
        case "status": self = .status
        case "drain": self = .drain
        case "store": self = .store
        case "reload": self = .reload
        case "health":
            self = .health(probe: try reader.bool("probe"))
        case "models":
            self = .models(refresh: try reader.bool("refresh"))
        case "usage":
            self = .usage(days: try reader.int("days", in: 0...ControlCommand.maxUsageDays))
        case "sync":
            self = .sync(dryRun: try reader.bool("dry_run"), undo: try reader.bool("undo"),
                         providerID: try reader.string("provider"))
        case "model":
            let selected = try reader.string("select")
            let reset = try reader.bool("reset")
            switch (selected, reset) {
            case (let name?, false): self = .model(.select(name))
            case (nil, true): self = .model(.reset)
            case (nil, false): self = .model(.show)
            case (.some, true):
                throw ControlProtocolError.invalidArguments(
                    "model: \"select\" and \"reset\" exclude each other", id: id, command: wireName, accepted: reader.accepted)
            }
        default:
            throw ControlProtocolError(
                code: .unknownCommand, message: "unknown command \"\(wireName)\"",
                hint: "known commands: " + ControlCommand.wireNames.joined(separator: ", ")
                    + "; a newer ccmimoctl may need a newer ccmimolinkd",
                id: id)
        }
        try reader.rejectUnread()
    }
}

/// Reads typed arguments and remembers which keys it read, so that anything else can be rejected.
private struct ArgumentReader {
    let command: String
    let arguments: JSONObject
    let id: Int?
    private(set) var accepted: [String] = []

    init(command: String, arguments: JSONObject, id: Int?) {
        self.command = command
        self.arguments = arguments
        self.id = id
    }

    mutating func bool(_ key: String) throws(ControlProtocolError) -> Bool {
        accepted.append(key)
        switch arguments[key] {
        case nil, .null: return false
        case .bool(let value): return value
        case let other?: throw mistyped(key, expected: "a boolean", got: other)
        }
    }

    /// A whole number in `range`; missing reads as 0.
    mutating func int(_ key: String, in range: ClosedRange<Int>) throws(ControlProtocolError) -> Int {
        accepted.append(key)
        switch arguments[key] {
        case nil, .null: return 0
        case let value?:
            guard let number = value.intValue else { throw mistyped(key, expected: "an integer", got: value) }
            guard range.contains(number) else {
                throw ControlProtocolError.invalidArguments(
                    "\(command): \"\(key)\" must be in \(range.lowerBound)…\(range.upperBound), got \(number)",
                    id: id, command: command, accepted: accepted)
            }
            return number
        }
    }

    mutating func string(_ key: String) throws(ControlProtocolError) -> String? {
        accepted.append(key)
        switch arguments[key] {
        case nil, .null: return nil
        case .string(let value) where !value.isEmpty: return value
        case let other?: throw mistyped(key, expected: "a non-empty string", got: other)
        }
    }

    func rejectUnread() throws(ControlProtocolError) {
        if let unknown = arguments.keys.first(where: { !accepted.contains($0) }) {
            throw ControlProtocolError.invalidArguments(
                "\(command): unknown argument \"\(unknown)\"", id: id, command: command, accepted: accepted)
        }
    }

    private func mistyped(_ key: String, expected: String, got value: JSONValue) -> ControlProtocolError {
        ControlProtocolError.invalidArguments(
            "\(command): \"\(key)\" must be \(expected), got \(value.typeName)", id: id, command: command, accepted: accepted)
    }
}
