/// What a sync or undo did (or, in a dry run, would do): one item per file and database row it
/// looked at, with a unified diff of each change (keys redacted), the upstream the daemon should
/// use, and notes worth telling the user.
public struct SyncReport: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case alreadyInSync = "already in sync"
        case changed
        case wouldChange = "would change"
        case undone
        case nothingToUndo = "nothing to undo"
    }

    public var outcome: Outcome
    /// The cc-switch provider synced (or restored); nil when there was nothing to undo.
    public var provider: ProviderSummary?
    /// The provider's real MiMo URL and plan, as remembered in ccmimolink's state.
    public var upstream: RememberedUpstream?
    /// The layout of Codex's files the sync found and kept to; nil for an undo.
    public var layout: CodexLayout?
    public var items: [SyncItem]
    /// Things the user may want to know: a missing key, a provider that is not current, …
    public var notes: [String]

    public init(
        outcome: Outcome, provider: ProviderSummary?, upstream: RememberedUpstream?, layout: CodexLayout? = nil,
        items: [SyncItem], notes: [String]
    ) {
        self.outcome = outcome
        self.provider = provider
        self.upstream = upstream
        self.layout = layout
        self.items = items
        self.notes = notes
    }

    /// Every item's diff, in order.
    public var diff: String { items.map(\.diff).joined() }

    /// One line for a log or a status line.
    public var summary: String {
        let touched = items.filter { $0.status != .unchanged }.map(\.target.shortName)
        let name = (provider.map { "\"\($0.name)\"" } ?? "the MiMo provider") + (layout.map { " (\($0))" } ?? "")
        let route = upstream.map { " (upstream \($0.baseURL)" + ($0.plan.map { ", \($0.rawValue))" } ?? ")") } ?? ""
        switch outcome {
        case .alreadyInSync:
            return "already in sync: cc-switch provider \(name) goes through ccmimolinkd\(route)"
        case .changed:
            return "synced cc-switch provider \(name): changed \(touched.joined(separator: ", "))\(route)"
        case .wouldChange:
            return "dry run: would change \(touched.joined(separator: ", ")) for cc-switch provider \(name)\(route); nothing written"
        case .undone:
            return touched.isEmpty
                ? "undone: nothing left to restore for \(name)"
                : "undone: restored \(touched.joined(separator: ", ")) for cc-switch provider \(name)\(route)"
        case .nothingToUndo:
            return "nothing to undo: ccmimolink has no active sync recorded"
        }
    }
}

/// One file or database row a sync looked at.
public struct SyncItem: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case unchanged
        case changed
        case wouldChange = "would change"
    }

    public var target: SyncTarget
    public var status: Status
    /// A unified diff of the change, keys shortened to three characters; empty when unchanged.
    public var diff: String = ""
    /// The copy taken before the change, when there was one.
    public var backup: String?
    /// Why an item was left alone, when that is not obvious.
    public var note: String?
}

/// A file or database row ccmimolink may change.
public enum SyncTarget: Sendable, Equatable, CustomStringConvertible {
    /// The TOML `config` inside a provider's `settings_config`.
    case providerConfig(database: String, providerID: String)
    /// One `provider_endpoints` row's `url`.
    case providerEndpoint(database: String, endpointID: Int64)
    case codexConfig(path: String)
    case codexAuth(path: String)

    public var description: String {
        switch self {
        case .providerConfig(let database, let providerID):
            "\(database) providers(id='\(providerID)', app_type='codex').settings_config.config"
        case .providerEndpoint(let database, let endpointID):
            "\(database) provider_endpoints(id=\(endpointID)).url"
        case .codexConfig(let path), .codexAuth(let path):
            path
        }
    }

    var shortName: String {
        switch self {
        case .providerConfig: "cc-switch provider route"
        case .providerEndpoint(_, let id): "cc-switch endpoint \(id)"
        case .codexConfig: "config.toml"
        case .codexAuth: "auth.json"
        }
    }
}
