import Foundation

/// A Codex provider row as cc-switch stores it, built from its parts.
struct CodexProviderFixture {
    var id: String
    var name: String
    /// The TOML cc-switch keeps in `settings_config.config`.
    var config: String
    var apiKey: String?
    var isCurrent = false
    var icon: String?
    var iconColor: String?
    var category: String?
    var endpoints: [String] = []
    var sortIndex: Int?
    var createdAt: Int64 = 1_760_000_000_000
    var meta = #"{"apiFormat":"openai_responses","commonConfigEnabled":false}"#
    /// Escape `/` as `\/` in the JSON, as some writers do, to prove other escapes survive edits.
    var escapesSlashes = false
    /// `settings_config.modelCatalog.models`, cc-switch's private catalog rows.
    var catalogModels: [[String: any Sendable]] = [
        ["id": "mimo-v2.5-pro", "name": "MiMo V2.5 Pro", "contextWindow": 1_048_576, "inputModalities": ["text"]],
        ["id": "mimo-v2.5", "name": "MiMo V2.5", "contextWindow": 1_048_576, "inputModalities": ["text", "image"]],
    ]

    /// `settings_config` as compact JSON with sorted keys, like serde_json's output for cc-switch.
    var settingsConfig: String {
        var object: [String: Any] = ["config": config]
        object["auth"] = apiKey.map { ["OPENAI_API_KEY": $0] } ?? [String: Any]()
        object["modelCatalog"] = ["models": catalogModels]
        var options: JSONSerialization.WritingOptions = [.sortedKeys]
        if !escapesSlashes { options.insert(.withoutEscapingSlashes) }
        let data = try! JSONSerialization.data(withJSONObject: object, options: options)
        return String(decoding: data, as: UTF8.self)
    }

    /// cc-switch's generated third-party config (`generateThirdPartyConfig`).
    static func presetConfig(name: String, baseURL: String, model: String = "mimo-v2.5-pro") -> String {
        """
        model_provider = "custom"
        model = "\(model)"
        model_reasoning_effort = "high"
        disable_response_storage = true

        [model_providers.custom]
        name = "\(name)"
        base_url = "\(baseURL)"
        wire_api = "responses"
        requires_openai_auth = true

        """
    }

    /// The "Xiaomi MiMo" preset.
    static func standardMiMo(id: String = "5d1c3a52-0c1e-4a8e-9f51-3e8f7c1a0b11", key: String? = Keys.standard) -> Self {
        CodexProviderFixture(
            id: id, name: "Xiaomi MiMo",
            config: presetConfig(name: "xiaomi_mimo", baseURL: "https://api.xiaomimimo.com/v1"),
            apiKey: key, icon: "xiaomimimo", iconColor: "#000000", category: "cn_official",
            endpoints: ["https://api.xiaomimimo.com/v1"], sortIndex: 1)
    }

    /// The "Xiaomi MiMo Token Plan (China)" preset.
    static func tokenPlanChina(id: String = "9a0f2c7e-77b4-4d0c-a3f2-6b5c2d9e8f20") -> Self {
        CodexProviderFixture(
            id: id, name: "Xiaomi MiMo Token Plan (China)",
            config: presetConfig(name: "xiaomi_mimo_token_plan", baseURL: "https://token-plan-cn.xiaomimimo.com/v1"),
            apiKey: Keys.tokenPlan, icon: "xiaomimimo", iconColor: "#000000", category: "cn_official",
            endpoints: ["https://token-plan-cn.xiaomimimo.com/v1", "https://token-plan-cn.xiaomimimo.com/v1/"], sortIndex: 2)
    }

    /// A hand-made provider from before the presets: legacy `xiaomi_mimo` id, Singapore Token
    /// Plan, a name that does not say MiMo, no icon.
    static func legacySingapore(id: String = "legacy-sgp") -> Self {
        CodexProviderFixture(
            id: id, name: "小米 SGP",
            config: """
                model_provider = "xiaomi_mimo"
                model = "mimo-v2.5"

                [model_providers.xiaomi_mimo]
                name = "Xiaomi"
                base_url = 'https://token-plan-sgp.xiaomimimo.com/v1'
                wire_api = "responses"
                requires_openai_auth = true
                """,
            apiKey: Keys.singapore, sortIndex: 5)
    }

    /// cc-switch's seeded official provider.
    static func official(isCurrent: Bool = false) -> Self {
        CodexProviderFixture(id: "codex-official", name: "OpenAI Official", config: "", apiKey: nil, isCurrent: isCurrent, sortIndex: 0)
    }

    static func openRouter() -> Self {
        CodexProviderFixture(
            id: "openrouter", name: "OpenRouter",
            config: presetConfig(name: "openrouter", baseURL: "https://openrouter.ai/api/v1", model: "gpt-5.5"),
            apiKey: "sk-or-v1-0123456789abcdef0123456789abcdef", sortIndex: 3)
    }
}

/// Keys that look real enough for redaction to matter.
enum Keys {
    static let standard = "sk-c6f1e2d3b4a5968778695a4b3c2d1e0f"
    static let tokenPlan = "tp-7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"
    static let singapore = "tp-sgp0123456789abcdef0123456789ab"
    static let stale = "sk-0000stale0000stale0000stale0000"
    static let ccSwitch4Standard = "sk-4a1b2c3d4e5f60718293a4b5c6d7e8f9"
    static let ccSwitch4TokenPlan = "tp-4c9d8e7f6a5b40312213f4e5d6c7b8a9"
}
