/// Whether Codex would really use a route written into `[model_providers.<id>]`: not when the id is
/// one Codex reserves (it refuses the whole file), nor when the selected profile picks another
/// provider. Writing a route Codex ignores would only make `ccmimoctl sync` look successful.
enum CodexRouteChecks {
    /// Provider ids Codex 0.169 keeps for built-in providers: a `[model_providers.<id>]` table with one
    /// of them fails at config load (reference/world-2026-12.md §2; cc-switch 4 renames the last three,
    /// `live/project/codex.rs`, `RESERVED_TABLE_IDS`).
    static let reservedProviderIDs: Set<String> = ["gcp", "amazon-bedrock-runtime", "openai", "ollama", "lmstudio"]

    /// Throws when the route's own table cannot work; returns notes about other tables that make
    /// Codex refuse the file.
    static func check(_ layout: TOMLLayout, tableID: String, path: String) throws(SyncError) -> [String] {
        if reservedProviderIDs.contains(tableID) { throw .reservedProviderID(path: path, tableID: tableID) }
        if let profile = layout.entry(["profile"])?.value.string, !profile.isEmpty,
           let chosen = layout.entry(["profiles", profile, "model_provider"])?.value.string, !chosen.isEmpty,
           chosen != tableID {
            throw .profileOverridesProvider(path: path, profile: profile, profileProviderID: chosen, tableID: tableID)
        }
        let otherTables = Set(layout.entries.compactMap { entry -> String? in
            guard entry.path.count >= 3, entry.path[0] == "model_providers" else { return nil }
            return entry.path[1]
        }).union(layout.sections.compactMap { $0.path.count == 2 && $0.path[0] == "model_providers" ? $0.path[1] : nil })
        return otherTables.intersection(reservedProviderIDs).sorted().map { id in
            "\(path) defines [model_providers.\(id)], an id Codex 0.169 reserves for a built-in provider, so Codex refuses "
                + "to load the file. Rename that table (and any model_provider = \"\(id)\" that selects it), for example "
                + "to \"\(id)-custom\"."
        }
    }
}
