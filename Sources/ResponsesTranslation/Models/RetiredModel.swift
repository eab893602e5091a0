/// A model id MiMo no longer serves, and the one that replaced it. Users keep typing the old names
/// (`ccmimoctl model v2.5-pro`, `MIMO_MODEL=mimo-v2.5`, a Codex `config.toml` from last summer), so
/// the daemon sends such a request to the successor, unless the upstream's `/models` still lists the
/// old id (`ModelLineup.resolve`).
public struct RetiredModel: Sendable, Equatable {
    public var id: String
    public var successor: String
    /// The day the id stopped working (YYYY-MM-DD).
    public var retiredOn: String
    public var source: String

    /// Every retirement known to this release, successors as Xiaomi's own migration routed them. A
    /// successor may itself be retired; `chain(from:)` follows it.
    public static let all: [RetiredModel] = [
        RetiredModel(id: "mimo-v2-pro", successor: "mimo-v2.5-pro", retiredOn: "2026-06-30",
                     source: "mimo-api.md §3: v2 line retired, proxies alias it to mimo-v2.5-pro"),
        RetiredModel(id: "mimo-v2-omni", successor: "mimo-v2.5", retiredOn: "2026-06-30",
                     source: "mimo-api.md §3: v2 line retired"),
        RetiredModel(id: "mimo-v2-flash", successor: "mimo-v2.5", retiredOn: "2026-06-30",
                     source: "mimo-api.md §3: v2 line retired"),
        RetiredModel(id: "mimo-v2.5-pro", successor: "mimo-v2.6-pro", retiredOn: "2026-10-21",
                     source: "world-2026-12.md §1: auto-routed to v2.6 from 2026-10-14, 400 \"Not supported model\" since 2026-10-21"),
        RetiredModel(id: "mimo-v2.5", successor: "mimo-v2.6-flash", retiredOn: "2026-10-21",
                     source: "world-2026-12.md §1"),
        RetiredModel(id: "mimo-v2.5-pro-ultraspeed", successor: "mimo-v2.6-pro-ultraspeed", retiredOn: "2026-10-21",
                     source: "world-2026-12.md §1"),
    ]

    public static func entry(for id: String) -> RetiredModel? {
        all.first { $0.id == id }
    }

    /// The retirements from `id` on: `mimo-v2-pro` → `mimo-v2.5-pro` → `mimo-v2.6-pro` is two. Bounded
    /// by the table's size, so a cycle in a future edit cannot loop.
    public static func chain(from id: String) -> [RetiredModel] {
        var chain: [RetiredModel] = []
        var current = id
        while chain.count < all.count, let next = entry(for: current) {
            chain.append(next)
            current = next.successor
        }
        return chain
    }
}
