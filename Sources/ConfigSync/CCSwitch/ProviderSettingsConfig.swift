import ResponsesTranslation

/// A Codex provider's `settings_config`, understood: JSON holding `auth` (the key), `config`
/// (config.toml as one string) and cc-switch's private keys. Edits of the TOML are applied inside
/// the JSON string, so every other byte of the row stays as cc-switch wrote it.
struct ProviderSettingsConfig {
    let json: [UInt8]
    let config: JSONStringText
    let toml: TOMLLayout
    /// `model_provider`, the id of the `[model_providers.<id>]` table Codex uses.
    let modelProviderID: String?
    /// The `base_url` entry cc-switch reads as the route: the provider table's, else a top-level one.
    let route: TOMLLayout.Entry?
    let model: String?
    /// The provider table's `name` (`xiaomi_mimo` in the presets).
    let tomlProviderName: String?
    /// cc-switch's key, by its own lookup order: `auth.OPENAI_API_KEY`, the provider table's
    /// `experimental_bearer_token`, a top-level `experimental_bearer_token`.
    let apiKey: String?

    /// Why a row could not be read; the caller adds which provider it was.
    struct Failure: Error, Sendable, Equatable {
        var reason: String
    }

    init(_ settingsConfig: String) throws(Failure) {
        json = Array(settingsConfig.utf8)
        let value: JSONValue
        do {
            value = try JSONValue.parse(json)
        } catch {
            throw Failure(reason: "settings_config is not JSON (line \(error.line), column \(error.column))")
        }
        guard case .object(let object) = value else { throw Failure(reason: "settings_config is not a JSON object") }
        guard let configString = object["config"]?.stringValue else {
            throw Failure(reason: "settings_config has no \"config\" string")
        }
        let members: JSONMembers
        do {
            members = try JSONMembers.locate(in: json)
        } catch {
            throw Failure(reason: "settings_config: \(error.reason) at byte \(error.offset)")
        }
        guard let member = members.member("config"),
              let decoded = try? JSONStringText.decode(json, range: member.valueRange),
              decoded.text == configString
        else { throw Failure(reason: "settings_config's \"config\" string could not be located") }
        config = decoded

        do {
            _ = try TOMLCheck(configString)
        } catch {
            throw Failure(reason: "its config is not valid TOML (line \(error.line), column \(error.column))")
        }
        let layout: TOMLLayout
        do {
            layout = try TOMLScanner.layout(of: configString)
        } catch {
            let position = TextPosition.of(error.offset, in: Array(configString.utf8))
            throw Failure(reason: "its config could not be mapped for editing (\(error.reason) at line \(position.line))")
        }

        toml = layout
        let providerID = layout.entry(["model_provider"])?.value.string
        modelProviderID = providerID
        let tablePath = providerID.map { ["model_providers", $0] }
        route = tablePath.flatMap { layout.entry($0 + ["base_url"]) } ?? layout.entry(["base_url"])
        model = layout.entry(["model"])?.value.string
        tomlProviderName = tablePath.flatMap { layout.entry($0 + ["name"])?.value.string }

        let authKey = object["auth"]?["OPENAI_API_KEY"]?.stringValue
        let tableToken = tablePath.flatMap { layout.entry($0 + ["experimental_bearer_token"])?.value.string }
        let topToken = layout.entry(["experimental_bearer_token"])?.value.string
        apiKey = [authKey, tableToken, topToken].compactMap { $0 }.first { !$0.isEmpty }
    }

    var routeURL: String? { route?.value.string }

    /// The row's `settings_config` with the route's value replaced by `literal` (TOML source text).
    func replacingRoute(with literal: String) -> String? {
        guard let route else { return nil }
        let edit = TOMLEdits(toml).replaceValue(of: route, with: literal)
        return String(decoding: config.sourceEdits([edit]).applied(to: json), as: UTF8.self)
    }

    /// The route's value as written in the TOML, quotes included.
    var routeLiteral: String? {
        route.map { String(decoding: toml.bytes[$0.valueRange], as: UTF8.self) }
    }

    /// The route's value exactly as it sits in the JSON text (TOML quotes and JSON escapes
    /// included), so an undo can restore the row byte for byte.
    var routeSourceText: String? {
        route.map { String(decoding: json[sourceRange(of: $0)], as: UTF8.self) }
    }

    /// The row's `settings_config` with the route's source text replaced verbatim.
    func replacingRoute(withSourceText text: String) -> String? {
        guard let route else { return nil }
        return String(decoding: [TextEdit(range: sourceRange(of: route), replacement: text)].applied(to: json), as: UTF8.self)
    }

    private func sourceRange(of entry: TOMLLayout.Entry) -> Range<Int> {
        config.sourceOffsets[entry.valueRange.lowerBound]..<config.sourceOffsets[entry.valueRange.upperBound]
    }

    /// Secrets this row holds, for redaction.
    var secrets: [String] {
        var values = apiKey.map { [$0] } ?? []
        values += toml.entries.filter { $0.path.last.map(Self.looksSecret) ?? false }.compactMap(\.value.string)
        return values
    }

    static func looksSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return lowered.contains("token") || lowered.contains("key") || lowered.contains("secret")
            || lowered == "authorization"
    }
}

extension TOMLLayout.Value {
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
