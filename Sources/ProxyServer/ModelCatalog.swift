import ResponsesTranslation

/// What `GET /v1/models` serves: MiMo models in OpenAI's list shape (`data`) and in Codex's catalog
/// shape (`models`, ModelInfo entries for `model_catalog_url`) in one body, so both kinds of client
/// read it. Codex then gets a 1M context, freeform apply_patch, MiMo's on/off thinking levels and
/// never a Responses-Lite flavour for MiMo slugs.
public struct ModelCatalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public var slug: String
        public var displayName: String
        public var description: String
        public var traits: MimoModelTraits
        public var priority: Int
    }

    public let entries: [Entry]
    /// The serialized body and its strong ETag, computed once: the catalog only changes with the binary.
    public let body: [UInt8]
    public let etag: String

    public init(entries: [Entry] = ModelCatalog.defaultEntries, baseInstructions: String? = nil, createdAt: Int = 1_767_225_600) {
        self.entries = entries
        let instructions = baseInstructions ?? BaseInstructions.mimo
        let data: [JSONValue] = entries.map { entry in
            ["id": .string(entry.slug), "object": "model", "created": .int(createdAt), "owned_by": "xiaomi"]
        }
        let models: [JSONValue] = entries.map { Self.modelInfo($0, baseInstructions: instructions) }
        let body: JSONValue = ["object": "list", "data": .array(data), "models": .array(models)]
        self.body = body.serializedBytes()
        self.etag = "\"" + Self.fnv1a64(self.body) + "\""
    }

    public static let defaultEntries: [Entry] = [
        Entry(slug: "mimo-v2.5-pro", displayName: "MiMo V2.5 Pro", description: "Xiaomi MiMo flagship for coding (text)",
              traits: MimoModels.traits("mimo-v2.5-pro"), priority: 1),
        Entry(slug: "mimo-v2.5", displayName: "MiMo V2.5", description: "Xiaomi MiMo multimodal (text and images)",
              traits: MimoModels.traits("mimo-v2.5"), priority: 2),
        Entry(slug: "mimo-v2.6-pro", displayName: "MiMo V2.6 Pro", description: "Xiaomi MiMo V2.6 flagship",
              traits: MimoModels.traits("mimo-v2.6-pro"), priority: 3),
        Entry(slug: "mimo-v2.6-flash", displayName: "MiMo V2.6 Flash", description: "Xiaomi MiMo V2.6, fast",
              traits: MimoModels.traits("mimo-v2.6-flash"), priority: 4),
    ]

    /// One ModelInfo entry with the key set verified against Codex 0.163.0 (codex-contract.md §3).
    static func modelInfo(_ entry: Entry, baseInstructions: String) -> JSONValue {
        [
            "slug": .string(entry.slug),
            "display_name": .string(entry.displayName),
            "description": .string(entry.description),
            // MiMo's thinking is on or off; Codex's "none" turns it off, "high" on.
            "default_reasoning_level": "high",
            "supported_reasoning_levels": [
                ["effort": "none", "description": "Thinking off: fastest answers"],
                ["effort": "high", "description": "Thinking on (MiMo has no finer levels)"],
            ],
            "shell_type": "unified_exec",
            "visibility": "list",
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
            "context_window": .int(entry.traits.contextWindow),
            "max_context_window": .int(entry.traits.contextWindow),
            "comp_hash": "ccmimolink-1",
            "effective_context_window_percent": 95,
            "experimental_supported_tools": [],
            // Every slug takes images: the daemon routes a turn with images to the vision model, while a
            // text-only entry would make Codex drop the image before it ever reaches us.
            "input_modalities": ["text", "image"],
            "supports_search_tool": true,
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
