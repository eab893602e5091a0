/// `sync` (and the sync part of `reload`): what was, or would be, changed in cc-switch and Codex.
public struct SyncResult: Codable, Sendable, Equatable {
    public var outcome: Outcome
    /// One line for people, e.g. "pointed cc-switch provider mimo at http://127.0.0.1:9876/v1".
    public var summary: String
    /// The cc-switch provider id that was synced, when one was found.
    public var provider: String?
    /// The provider's original upstream URL, remembered so `--undo` can restore it.
    public var upstream: String?
    /// How cc-switch arranged Codex's files, e.g. "cc-switch 4" (key in config.toml) or "cc-switch 3.x"
    /// (key in auth.json); nil for an undo and for daemons that predate it.
    public var layout: String?
    public var items: [Item]
    /// A unified diff of the planned or applied changes; empty when nothing changes.
    public var diff: String
    public var notes: [String]

    /// A string on the wire so a newer daemon can add outcomes; the known ones are constants.
    public struct Outcome: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let alreadyInSync = Outcome(rawValue: "already in sync")
        public static let changed = Outcome(rawValue: "changed")
        public static let wouldChange = Outcome(rawValue: "would change")
        public static let undone = Outcome(rawValue: "undone")
        public static let nothingToUndo = Outcome(rawValue: "nothing to undo")

        public var description: String { rawValue }
    }

    /// One file or database row the sync looked at.
    public struct Item: Codable, Sendable, Equatable {
        /// e.g. "~/.codex/config.toml" or "cc-switch.db provider mimo".
        public var target: String
        /// e.g. "unchanged", "changed", "would change", "restored", "missing".
        public var status: String
        /// Where the pre-change copy was saved.
        public var backup: String?
        public var note: String?

        public init(target: String, status: String, backup: String? = nil, note: String? = nil) {
            self.target = target
            self.status = status
            self.backup = backup
            self.note = note
        }
    }

    public init(outcome: Outcome, summary: String, provider: String? = nil, upstream: String? = nil,
                layout: String? = nil, items: [Item] = [], diff: String = "", notes: [String] = []) {
        self.outcome = outcome
        self.summary = summary
        self.provider = provider
        self.upstream = upstream
        self.layout = layout
        self.items = items
        self.diff = diff
        self.notes = notes
    }
}
