import ConfigSync
import Foundation
import GRDB

/// cc-switch 4's Xiaomi MiMo presets as it stores them, and Codex's files as it writes them. Where
/// each fact comes from (farion1231/cc-switch unless said otherwise):
/// - rows: `src/config/codexProviderPresets.ts` at 006a2cf490d47c9d655b51619b79762a16338b66 —
///   `generateThirdPartyConfig` (its exact text, no final newline, `requires_openai_auth = true`),
///   the TOML names `xiaomi_mimo` / `xiaomi_mimo_token_plan`, `apiFormat: "openai_responses"`,
///   `cn_official`, icon `xiaomimimo` `#000000`, `endpointCandidates`, the catalog row fields and
///   base instructions. The v2.6 default model and catalog rows (Token Plan without ultraspeed)
///   are 4.0.16's, from reference/world-2026-12.md §1 and §3.
/// - config.toml: `src-tauri/src/live/project/codex.rs` at 0e6430abdb2255a36956f3cf8fb440fae4ce460e
///   projects the row into `[model_providers.custom]`, adds the row's key as
///   `experimental_bearer_token`, sets `model_provider = "custom"`, and patches only its own keys
///   (toml_edit: root keys before tables, new keys appended, a blank line before each new table);
///   `services/provider/codex_direct.rs` at 082cb031d0554e822269b3be80bf4ea0c563c310 then stamps
///   `requires_openai_auth` with whether a ChatGPT login stays on disk, and adds `web_search =
///   "disabled"` and `model_catalog_json` for MiMo.
/// - auth.json: `services/provider/codex_login.rs` at 0e6430a… deletes it when switching to a
///   third party with "preserve login" off, stashing the login in
///   `~/.cc-switch/codex-login-stash.json` (pretty JSON), and gives it back on the way to official.
/// - the dormant table: `RouteWrite::Official` + `proxy_route_table` in codex.rs — the same table
///   rewritten to name "custom", cc-switch's proxy URL (`configured_proxy_base_url`, port 15721),
///   `wire_api`, `experimental_bearer_token = "PROXY_MANAGED"`; `model_provider` and the provider's
///   top-level keys removed.
enum CCSwitch4Preset: String, CaseIterable, Sendable, CustomStringConvertible {
    case xiaomiMiMo
    case tokenPlanChina

    var description: String { rawValue }

    var id: String {
        self == .xiaomiMiMo ? "0b7c9e12-4f1a-4d6e-8a53-2c9f61e0d4a7" : "e4a8d2c6-9b1f-4e73-a5d0-7c3b2f8e1a96"
    }

    var name: String { self == .xiaomiMiMo ? "Xiaomi MiMo" : "Xiaomi MiMo Token Plan (China)" }
    var tomlName: String { self == .xiaomiMiMo ? "xiaomi_mimo" : "xiaomi_mimo_token_plan" }
    var baseURL: String { self == .xiaomiMiMo ? "https://api.xiaomimimo.com/v1" : "https://token-plan-cn.xiaomimimo.com/v1" }
    var plan: String { self == .xiaomiMiMo ? "standard" : "token-plan-cn" }
    var key: String { self == .xiaomiMiMo ? Keys.ccSwitch4Standard : Keys.ccSwitch4TokenPlan }
    static let model = "mimo-v2.6-pro"

    /// `generateThirdPartyConfig(tomlName, baseURL, model)`, byte for byte.
    func rowConfig(baseURL: String? = nil) -> String {
        """
        model_provider = "custom"
        model = "\(Self.model)"
        model_reasoning_effort = "high"
        disable_response_storage = true

        [model_providers.custom]
        name = "\(tomlName)"
        base_url = "\(baseURL ?? self.baseURL)"
        wire_api = "responses"
        requires_openai_auth = true
        """
    }

    /// The row as cc-switch 4 saves a preset with the user's key filled in.
    var row: CodexProviderFixture {
        let instructions = "You are MiMo, an AI assistant developed by Xiaomi. Today's date: {date} {week}. "
            + "Your knowledge cutoff date is December 2024."
        func model(_ id: String, _ display: String, _ modalities: [String]) -> [String: any Sendable] {
            ["model": id, "displayName": display, "contextWindow": 1_048_576, "inputModalities": modalities,
             "baseInstructions": instructions]
        }
        var catalog = [model("mimo-v2.6-pro", "MiMo V2.6 Pro", ["text", "image"]),
                       model("mimo-v2.6-flash", "MiMo V2.6 Flash", ["text", "image"])]
        if self == .xiaomiMiMo { catalog.append(model("mimo-v2.6-pro-ultraspeed", "MiMo V2.6 Pro UltraSpeed", ["text", "image"])) }
        var row = CodexProviderFixture(
            id: id, name: name, config: rowConfig(), apiKey: key, icon: "xiaomimimo", iconColor: "#000000",
            category: "cn_official", endpoints: [baseURL], sortIndex: self == .xiaomiMiMo ? 1 : 2,
            meta: #"{"apiFormat":"openai_responses"}"#)
        row.catalogModels = catalog
        return row
    }
}

/// Codex's files in a cc-switch 4 home.
enum CCSwitch4Live {
    /// cc-switch's proxy as Codex reaches it: `proxy_config`'s default listen address and port.
    static let proxyBaseURL = "http://127.0.0.1:15721/v1"

    /// The `[model_providers.custom]` table cc-switch 4 writes for `preset`: the row's table, then
    /// the key, with `requires_openai_auth` stamped in place.
    static func table(_ preset: CCSwitch4Preset, key: String, baseURL: String?, loginOnDisk: Bool) -> String {
        """
        [model_providers.custom]
        name = "\(preset.tomlName)"
        base_url = "\(baseURL ?? preset.baseURL)"
        wire_api = "responses"
        requires_openai_auth = \(loginOnDisk)
        experimental_bearer_token = "\(key)"

        """
    }

    /// The root keys cc-switch 4 adds for a MiMo preset after `model`, in the order it appends them.
    private static let keysAfterModel = """
        model_reasoning_effort = "high"
        disable_response_storage = true
        web_search = "disabled"
        model_catalog_json = "cc-switch-model-catalog.json"

        """

    /// The user's own lines, which every cc-switch 4 write keeps: a comment and a setting at the
    /// top, a trusted project and an MCP server below.
    private static let userTop = "# my Codex settings — keep this comment\napproval_policy = \"on-request\"\n"
    private static let userTables = """
        [projects."/home/me/src"]
        trust_level = "trusted"

        [mcp_servers.docs]
        command = "npx"
        args = ["-y", "docs-mcp"]   # always the latest

        """

    /// config.toml cc-switch 4 writes from nothing when switching Codex to `preset`.
    static func fresh(_ preset: CCSwitch4Preset, key: String? = nil, baseURL: String? = nil, loginOnDisk: Bool = false) -> String {
        "model_provider = \"custom\"\nmodel = \"\(CCSwitch4Preset.model)\"\n" + keysAfterModel + "\n"
            + table(preset, key: key ?? preset.key, baseURL: baseURL, loginOnDisk: loginOnDisk)
    }

    /// The user's own Codex config after cc-switch 4 switched it to `preset`: their model line
    /// (with its comment) is changed in place, cc-switch's other keys follow the user's, and the
    /// route table comes last.
    static func livedIn(_ preset: CCSwitch4Preset, key: String? = nil, baseURL: String? = nil, loginOnDisk: Bool = false) -> String {
        userTop + "model = \"\(CCSwitch4Preset.model)\"   # picked in cc-switch\nmodel_provider = \"custom\"\n" + keysAfterModel
            + "\n" + userTables + "\n" + table(preset, key: key ?? preset.key, baseURL: baseURL, loginOnDisk: loginOnDisk)
    }

    /// `livedIn` after the user switched Codex to the official provider in cc-switch 4: its root
    /// keys are gone and the table is dormant where it stood.
    static let dormant = userTop + "\n" + userTables + """

        [model_providers.custom]
        name = "custom"
        base_url = "\(proxyBaseURL)"
        wire_api = "responses"
        experimental_bearer_token = "PROXY_MANAGED"

        """

    /// `dormant` after the user switched Codex back to `preset`, whose row says `baseURL`: the
    /// table is replaced where it stands and cc-switch's root keys are appended again.
    static func backFromDormant(_ preset: CCSwitch4Preset, baseURL: String, loginOnDisk: Bool) -> String {
        userTop + "model_provider = \"custom\"\nmodel = \"\(CCSwitch4Preset.model)\"\n" + keysAfterModel + "\n" + userTables
            + "\n" + table(preset, key: preset.key, baseURL: baseURL, loginOnDisk: loginOnDisk)
    }

    /// auth.json holding a ChatGPT login, as Codex writes it (pretty JSON).
    static let chatGPTLogin = """
        {
          "OPENAI_API_KEY": null,
          "auth_mode": "chatgpt",
          "last_refresh": "2026-10-30T08:12:44.000000Z",
          "tokens": {
            "access_token": "chatgpt-access-token-0000",
            "account_id": "acct-7f3e",
            "id_token": "chatgpt-id-token-0000",
            "refresh_token": "chatgpt-refresh-token-0000"
          }
        }
        """

    /// `~/.cc-switch/codex-login-stash.json` holding that login (preserve login off), pretty JSON.
    static let stashHoldingTheLogin = "{\n  \"logins\": {\n    \"account:acct-7f3e\": "
        + chatGPTLogin.replacingOccurrences(of: "\n", with: "\n    ")
        + "\n  },\n  \"last\": \"account:acct-7f3e\"\n}"

    /// The stash as first created when nothing needed stashing (preserve login on).
    static let emptyStash = "{\n  \"logins\": {}\n}"
}

/// A cc-switch 4 home: a schema-v24 database with both MiMo presets (and the official provider
/// and OpenRouter), `preset` current, and Codex's files as cc-switch 4 left them.
struct CCSwitch4Home {
    let home: CCSwitchHome
    let preset: CCSwitch4Preset
    let preserveLogin: Bool

    var paths: SyncPaths { home.paths }
    var stashPath: String { home.root + "/.cc-switch/codex-login-stash.json" }

    /// `config` defaults to `CCSwitch4Live.fresh`. With "preserve login" on, auth.json keeps the
    /// ChatGPT login; off, there is no auth.json and the login sits in the stash.
    init(in root: String, preset: CCSwitch4Preset, preserveLogin: Bool = false, config: String? = nil) throws {
        self.preset = preset
        self.preserveLogin = preserveLogin
        home = try CCSwitchHome(
            in: root, schema: CCSwitchSchema.version24,
            providers: [.official(), CCSwitch4Preset.xiaomiMiMo.row, CCSwitch4Preset.tokenPlanChina.row, .openRouter()],
            currentID: preset.id, preserveAuth: preserveLogin,
            liveConfig: config ?? CCSwitch4Live.fresh(preset, loginOnDisk: preserveLogin),
            liveAuth: preserveLogin ? CCSwitch4Live.chatGPTLogin : nil)
        try home.write(preserveLogin ? CCSwitch4Live.emptyStash : CCSwitch4Live.stashHoldingTheLogin, to: stashPath)
    }

    /// What the user does in cc-switch 4: make `id` Codex's current provider (settings.json's pointer
    /// and `is_current`), and leave Codex's files as cc-switch writes them for it.
    func switchCodex(to id: String, config: String, auth: String?, stash: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: home.settingsPath))
        var settings = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        settings["currentProviderCodex"] = id
        try JSONSerialization.data(withJSONObject: settings, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: home.settingsPath))
        let queue = try home.databaseQueue()
        try queue.write { db in
            try db.execute(sql: "UPDATE providers SET is_current = 0 WHERE app_type = 'codex'")
            try db.execute(sql: "UPDATE providers SET is_current = 1 WHERE app_type = 'codex' AND id = ?", arguments: [id])
        }
        try queue.close()
        try home.write(config, to: home.configPath)
        if let auth {
            try home.write(auth, to: home.authPath)
        } else if FileManager.default.fileExists(atPath: home.authPath) {
            try FileManager.default.removeItem(atPath: home.authPath)
        }
        try home.write(stash, to: stashPath)
    }

    /// Bytes, inode and time of every file a sync may write, and the login stash: proof that a run
    /// wrote nothing.
    func fingerprints() throws -> [String: FileFingerprint] {
        var files = try home.fingerprint()
        files[stashPath] = try FileFingerprint(stashPath)
        return files
    }

    /// The bytes of Codex's files and the stash (nil: no such file), and every row: what an undo
    /// must give back.
    func contents() throws -> [String: Data?] {
        var files: [String: Data?] = [:]
        for path in [home.configPath, home.authPath, stashPath, home.settingsPath] {
            files[path] = FileManager.default.contents(atPath: path)
        }
        return files
    }
}
