/// How cc-switch arranged Codex's files for a third-party provider, which decides what a sync may
/// change there. cc-switch 4 keeps the key in config.toml and leaves auth.json to the ChatGPT login
/// (it deletes auth.json, or keeps the login when "preserve login" is on); cc-switch 3.x keeps the key
/// in auth.json behind `requires_openai_auth = true`, or, preserving the login, in config.toml.
public enum CodexLayout: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case ccSwitch3 = "cc-switch 3.x"
    case ccSwitch3PreservingLogin = "cc-switch 3.x preserving login"
    case ccSwitch4 = "cc-switch 4"

    public var description: String {
        self == .ccSwitch3PreservingLogin ? "cc-switch 3.x layout, preserving the ChatGPT login" : rawValue + " layout"
    }

    /// Where the key lives and what the sync leaves alone, for people.
    public var explanation: String {
        switch self {
        case .ccSwitch3:
            "the key Codex sends is auth.json's OPENAI_API_KEY (requires_openai_auth = true); the sync keeps it equal "
                + "to cc-switch's key"
        case .ccSwitch3PreservingLogin:
            "the key Codex sends is config.toml's experimental_bearer_token; auth.json holds the ChatGPT login and "
                + "is left alone"
        case .ccSwitch4:
            "the key Codex sends is [model_providers.custom].experimental_bearer_token in config.toml; auth.json "
                + "belongs to the ChatGPT login and is never created or changed, nor is requires_openai_auth"
        }
    }

    /// cc-switch 4 writes every third-party route into this table and selects it with
    /// `model_provider` (`src-tauri/src/live/project/codex.rs`, `ROUTE_ID`).
    static let ccSwitch4TableID = "custom"

    /// What the files show decides, because that is what Codex reads: a real bearer token in the
    /// table means the key lives in config.toml; `requires_openai_auth = true` with a key in auth.json
    /// means 3.x's layout. When the files show neither (no key yet, no file, a dormant table), the
    /// database decides: a schema newer than 3.20's is cc-switch 4's.
    static func detect(
        config: TOMLLayout?, tableID: String, authKey: String?, settings: CCSwitchSettings, userVersion: Int
    ) -> CodexLayout {
        let table = ["model_providers", tableID]
        let newerThan3 = userVersion > CCSwitchDatabase.lastVersion3UserVersion
        if let token = config?.entry(table + ["experimental_bearer_token"])?.value.string,
           !token.isEmpty, token != TakeoverSignals.placeholderKey {
            return !newerThan3 && settings.preservesCodexAuth ? .ccSwitch3PreservingLogin : .ccSwitch4
        }
        if config?.entry(table + ["requires_openai_auth"])?.value == .boolean(true), authKey != nil {
            return .ccSwitch3
        }
        if newerThan3 { return .ccSwitch4 }
        return settings.preservesCodexAuth ? .ccSwitch3PreservingLogin : .ccSwitch3
    }
}
