import ResponsesTranslation

/// What `GET /v1/models` serves: MiMo models in OpenAI's list shape (`data`) and in Codex's catalog
/// shape (`models`, ModelInfo entries for `model_catalog_url`) in one body, so both kinds of client
/// read it. Codex then gets a 1M context, freeform apply_patch, MiMo's thinking levels and never a
/// Responses-Lite flavour for MiMo slugs. Built from the lineup, so it follows what the upstream serves.
public struct ModelCatalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public var slug: String
        public var displayName: String
        public var description: String
        public var facts: MimoModelFacts
        public var priority: Int
        /// Listed in Codex's model picker; legacy slugs are hidden but keep their metadata.
        public var listed: Bool
    }

    public let entries: [Entry]
    /// The serialized body and its strong ETag, computed once per lineup.
    public let body: [UInt8]
    public let etag: String

    /// Every chat model the upstream serves (or the known current ones while it has not said), in one
    /// order whatever order MiMo lists them in, then every retired slug it no longer serves, so a
    /// `config.toml` still naming `mimo-v2.5-pro` gets a 1M context and the freeform `apply_patch`
    /// tool (its requests go to the successor).
    public init(lineup: ModelLineup = ModelLineup(), baseInstructions: String? = nil, createdAt: Int = 1_767_225_600) {
        var entries: [Entry] = []
        for id in MimoModelName.catalogOrder(lineup.chatModels) {
            let facts = MimoModelFacts.facts(for: id)
            let retired = RetiredModel.entry(for: id).map { " (retired \($0.retiredOn), still served)" } ?? ""
            entries.append(Entry(slug: id, displayName: facts.displayName + retired, description: "Xiaomi \(facts.displayName) via ccmimolink",
                                 facts: facts, priority: entries.count + 1, listed: true))
        }
        for retired in RetiredModel.all where !entries.contains(where: { $0.slug == retired.id }) {
            let successor = lineup.resolve(id: retired.id).id
            let facts = MimoModelFacts.facts(for: successor)
            entries.append(Entry(slug: retired.id, displayName: MimoModelName.displayName(of: retired.id) + " → \(successor)",
                                 description: "Retired \(retired.retiredOn); requests go to \(successor)",
                                 facts: facts, priority: entries.count + 1, listed: false))
        }
        self.init(entries: entries, baseInstructions: baseInstructions, createdAt: createdAt)
    }

    public init(entries: [Entry], baseInstructions: String? = nil, createdAt: Int = 1_767_225_600) {
        self.entries = entries
        let instructions = baseInstructions ?? BaseInstructions.mimo
        let data: [JSONValue] = entries.filter(\.listed).map { entry in
            ["id": .string(entry.slug), "object": "model", "created": .int(createdAt), "owned_by": "xiaomi"]
        }
        let models: [JSONValue] = entries.map { Self.modelInfo($0, baseInstructions: instructions) }
        let body: JSONValue = ["object": "list", "data": .array(data), "models": .array(models)]
        self.body = body.serializedBytes()
        self.etag = "\"" + Self.fnv1a64(self.body) + "\""
    }

    /// One ModelInfo entry with the key set verified against Codex 0.163.0 (codex-contract.md §3).
    static func modelInfo(_ entry: Entry, baseInstructions: String) -> JSONValue {
        [
            "slug": .string(entry.slug),
            "display_name": .string(entry.displayName),
            "description": .string(entry.description),
            // MiMo v2.6 takes none (thinking off), low, medium and high (world-2026-12.md §1); Xiaomi's
            // Codex guide defaults to low. Codex's other efforts are clamped on the way (MimoReasoning).
            "default_reasoning_level": "low",
            "supported_reasoning_levels": [
                ["effort": "none", "description": "Thinking off: fastest answers"],
                ["effort": "low", "description": "Brief thinking"],
                ["effort": "medium", "description": "More thinking"],
                ["effort": "high", "description": "Most thinking, for hard problems"],
            ],
            "shell_type": "unified_exec",
            "visibility": .string(entry.listed ? "list" : "hide"),
            "supported_in_api": true,
            "priority": .int(entry.priority),
            "additional_speed_tiers": [],
            "service_tiers": [],
            "availability_nux": .null,
            "upgrade": .null,
            "model_messages": .null,
            "include_skills_usage_instructions": true,
            "include_plugin_usage_instructions": false,
            "include_apps_usage_instructions": false,
            "default_reasoning_summary": "none",
            "support_verbosity": false,
            "default_verbosity": .null,
            "apply_patch_tool_type": "freeform",
            "web_search_tool_type": "text",
            "truncation_policy": ["mode": "tokens", "limit": 10000],
            "supports_image_detail_original": false,
            "context_window": .int(entry.facts.contextWindow),
            "max_context_window": .int(entry.facts.contextWindow),
            "comp_hash": "ccmimolink-2",
            "effective_context_window_percent": 95,
            "experimental_supported_tools": [],
            // Every slug takes images: the daemon routes a turn with images to the vision model, while a
            // text-only entry would make Codex drop the image before it ever reaches us.
            "input_modalities": ["text", "image"],
            // Codex then declares every tool in `tools` from the first request instead of deferring some
            // (multi-agent, MCP) behind `tool_search`: a tool revealed mid-session would have to join
            // MiMo's tool list, which chat templates render ahead of the conversation, so MiMo's prompt
            // cache would lose the whole conversation at each reveal (docs/PERFORMANCE.md, "Prompt cache").
            "supports_search_tool": false,
            "supports_experimental_context": false,
            "use_responses_lite": false,
            "supports_reasoning_effort_updates": false,
            "node_repl_auto_review_required": false,
            "node_repl_disabled": true,
            "base_instructions": .string(baseInstructions),
        ]
    }

    static func fnv1a64(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
