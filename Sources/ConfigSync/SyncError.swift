/// Why a sync or undo stopped, phrased for the user with what to do next. Nothing is half
/// written when one is thrown: database changes roll back, files are replaced whole or not at all.
/// No message ever contains an API key.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// cc-switch's settings or database is missing.
    case ccSwitchNotInstalled(missing: [String])
    /// The database predates cc-switch 3.8's SQLite store layout ccmimolink knows.
    case databaseTooOld(path: String, userVersion: Int)
    /// No Codex provider looks like Xiaomi MiMo; `providers` lists the Codex providers there are.
    case noMimoProvider(providers: [ProviderSummary])
    /// Several providers look like Xiaomi MiMo and none is remembered or current.
    case severalMimoProviders(candidates: [ProviderSummary])
    /// `SyncOptions.providerID` names no Codex provider.
    case unknownProvider(id: String, providers: [ProviderSummary])
    /// The provider's route already points at ccmimolinkd (or another local URL) and no sync
    /// record says where its traffic went before.
    case upstreamUnknown(provider: ProviderSummary, baseURL: String)
    /// cc-switch's own local proxy has taken Codex over; `signals` says how that was seen.
    case proxyManaged(signals: [String])
    /// cc-switch.db stayed locked for longer than the busy timeout.
    case databaseLocked(path: String, busyTimeoutSeconds: Double)
    /// cc-switch or Codex kept changing a file or row while it was being written.
    case keptChanging(path: String)
    /// A file exists but cannot be read (permissions, a directory in the way).
    case unreadableFile(path: String, reason: String)
    /// A file is not what it should be (invalid JSON or TOML, unexpected shape).
    case malformedFile(path: String, reason: String)
    /// A provider row cannot be understood (its settings_config is not the JSON/TOML cc-switch writes).
    case malformedProvider(provider: ProviderSummary, reason: String)
    /// config.toml lacks the provider table cc-switch's current provider uses.
    case codexProviderTableMissing(path: String, tableID: String)
    /// The provider's table in config.toml has an id Codex 0.169 reserves for a built-in provider, so
    /// Codex refuses to load the file.
    case reservedProviderID(path: String, tableID: String)
    /// The `profile` config.toml selects sets its own `model_provider`, so Codex would not use the
    /// route a sync writes (cc-switch 4 refuses to write then too).
    case profileOverridesProvider(path: String, profile: String, profileProviderID: String, tableID: String)
    /// ccmimolink's own sync record cannot be read (damaged, or not ours).
    case syncRecordDamaged(path: String, reason: String)
    /// An edit would not have produced exactly the intended document; nothing was written.
    case cannotEditSafely(path: String, reason: String)
    /// A file or directory could not be written.
    case cannotWrite(path: String, reason: String)
    /// Any other SQLite failure, with what was being done.
    case databaseFailed(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .ccSwitchNotInstalled(let missing):
            "cc-switch does not look installed: missing \(missing.joined(separator: " and ")). Install cc-switch, "
                + "start it once, add the \"Xiaomi MiMo\" Codex provider, then run `ccmimoctl sync` again "
                + "(or set CC_SWITCH_SETTINGS_PATH / CC_SWITCH_DB_PATH if it keeps its files elsewhere)."
        case .databaseTooOld(let path, let userVersion):
            "\(path) has schema version \(userVersion), older than cc-switch 3.8. Start a current cc-switch once "
                + "so it upgrades its database, then run `ccmimoctl sync` again."
        case .noMimoProvider(let providers):
            "no Codex provider in cc-switch looks like Xiaomi MiMo (checked names, icons, base URL hosts, "
                + "preset names and models). Codex providers: \(Self.list(providers)). Add one from the "
                + "\"Xiaomi MiMo\" or \"Xiaomi MiMo Token Plan\" preset in cc-switch, or name one with "
                + "`ccmimoctl sync --provider <id>`."
        case .severalMimoProviders(let candidates):
            "several Codex providers in cc-switch look like Xiaomi MiMo: \(Self.list(candidates)). Make the one "
                + "to use current in cc-switch, or name it with `ccmimoctl sync --provider <id>`."
        case .unknownProvider(let id, let providers):
            "cc-switch has no Codex provider with id \(id). Codex providers: \(Self.list(providers))."
        case .upstreamUnknown(let provider, let baseURL):
            "provider \(provider) already points at \(baseURL), and ccmimolink has no record of its real MiMo "
                + "URL. In cc-switch, set its base URL back to https://api.xiaomimimo.com/v1 (or your Token Plan "
                + "URL, e.g. https://token-plan-sgp.xiaomimimo.com/v1), then run `ccmimoctl sync` again."
        case .proxyManaged(let signals):
            "cc-switch's own local proxy has taken over Codex (\(signals.joined(separator: "; "))), so ccmimolink "
                + "changed nothing. To use ccmimolinkd instead, turn off local routing/takeover for Codex in "
                + "cc-switch, then run `ccmimoctl sync`."
        case .databaseLocked(let path, let seconds):
            "\(path) stayed locked for more than \(Self.seconds(seconds)): cc-switch (or another program) is "
                + "writing it. Nothing was changed. Run `ccmimoctl sync` again in a moment; if it keeps "
                + "happening, close cc-switch's open dialogs or quit cc-switch first."
        case .keptChanging(let path):
            "\(path) kept changing while ccmimolink was updating it (cc-switch was probably saving at the same "
                + "time). What was already written is consistent; run `ccmimoctl sync` again."
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason). Check that it belongs to this user and is readable."
        case .malformedFile(let path, let reason):
            "\(path) is not in the expected format (\(reason)); ccmimolink changed nothing. Fix or remove the "
                + "file (cc-switch rewrites Codex's files when you switch providers), then run `ccmimoctl sync`."
        case .malformedProvider(let provider, let reason):
            "cc-switch provider \(provider) cannot be read (\(reason)); ccmimolink changed nothing. Open it in "
                + "cc-switch, check its config, save it, then run `ccmimoctl sync` again."
        case .codexProviderTableMissing(let path, let tableID):
            "\(path) has no [model_providers.\(tableID)] table, which cc-switch's current Codex provider uses. "
                + "In cc-switch, switch Codex to another provider and back to Xiaomi MiMo (which rewrites the "
                + "file), then run `ccmimoctl sync`."
        case .reservedProviderID(let path, let tableID):
            "\(path) routes Codex through [model_providers.\(tableID)], but Codex 0.169 reserves the id \"\(tableID)\" "
                + "for a built-in provider and refuses to load a config.toml that redefines it; ccmimolink changed nothing. "
                + "In cc-switch, edit the provider and rename model_provider = \"\(tableID)\" and "
                + "[model_providers.\(tableID)] to \"custom\" (what cc-switch 4 writes), switch Codex to it again, then "
                + "run `ccmimoctl sync`."
        case .profileOverridesProvider(let path, let profile, let profileProviderID, let tableID):
            "\(path) selects profile = \"\(profile)\", and [profiles.\(profile)] sets model_provider = "
                + "\"\(profileProviderID)\", so Codex would not use [model_providers.\(tableID)], the route ccmimolink "
                + "writes (cc-switch 4 refuses to write then too); ccmimolink changed nothing. Remove model_provider from "
                + "[profiles.\(profile)] (or the top-level profile line), then run `ccmimoctl sync`."
        case .syncRecordDamaged(let path, let reason):
            "ccmimolink's sync record \(path) cannot be read (\(reason)); ccmimolink changed nothing. The daemon keeps "
                + "sending MiMo traffic to the last upstream it read from that record. Move the file aside "
                + "(`mv \(path) \(path).damaged`) and run `ccmimoctl sync`; if sync then says the provider's real URL is "
                + "unknown, set its base URL in cc-switch back to that upstream first."
        case .cannotEditSafely(let path, let reason):
            "refusing to edit \(path): \(reason). Nothing was written. Please report this with the file's "
                + "layout (keys redacted)."
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason). Check the permissions of the file and its directory, and free "
                + "disk space."
        case .databaseFailed(let path, let operation, let reason):
            "\(path): \(operation) failed: \(reason). Nothing was changed."
        }
    }

    private static func list(_ providers: [ProviderSummary]) -> String {
        providers.isEmpty ? "none" : providers.map(\.description).joined(separator: ", ")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
