import ResponsesTranslation

/// Codex's live config.toml and auth.json, parsed and checked: TOMLKit must accept the TOML and
/// our scanner must map it, or nothing is edited.
struct CodexLiveFiles {
    struct Config {
        var path: String
        var bytes: [UInt8]
        var text: String
        var layout: TOMLLayout
    }

    struct Auth {
        var path: String
        var bytes: [UInt8]
        var object: JSONObject
        var apiKey: String?
    }

    var config: Config?
    var auth: Auth?

    init(_ snapshot: SyncSnapshot) throws(SyncError) {
        if let bytes = snapshot.codexConfig {
            config = try Self.parseConfig(bytes, path: snapshot.configPath)
        }
        if let bytes = snapshot.codexAuth {
            auth = try Self.parseAuth(bytes, path: snapshot.authPath)
        }
    }

    static func parseConfig(_ bytes: [UInt8], path: String) throws(SyncError) -> Config {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .malformedFile(path: path, reason: "it is not UTF-8 text")
        }
        do {
            _ = try TOMLCheck(text)
        } catch {
            throw .malformedFile(path: path, reason: "TOML syntax error at line \(error.line), column \(error.column)")
        }
        do {
            return Config(path: path, bytes: bytes, text: text, layout: try TOMLScanner.layout(of: text))
        } catch {
            let position = TextPosition.of(error.offset, in: bytes)
            throw .cannotEditSafely(
                path: path, reason: "its layout could not be mapped (\(error.reason) at line \(position.line), column \(position.column))")
        }
    }

    static func parseAuth(_ bytes: [UInt8], path: String) throws(SyncError) -> Auth {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw .malformedFile(path: path, reason: "invalid JSON at line \(error.line), column \(error.column)")
        }
        guard case .object(let object) = value else {
            throw .malformedFile(path: path, reason: "expected a JSON object, found \(value.typeName)")
        }
        return Auth(path: path, bytes: bytes, object: object, apiKey: object["OPENAI_API_KEY"]?.stringValue)
    }

    var takeoverSignals: [String] {
        var signals: [String] = []
        if let config { signals += TakeoverSignals.inCodexConfig(config.layout, path: config.path) }
        if let auth { signals += TakeoverSignals.inCodexAuth(apiKey: auth.apiKey, path: auth.path) }
        return signals
    }

    /// Keys found in the live files, for redaction.
    var secrets: [String] {
        var values = auth?.apiKey.map { [$0] } ?? []
        if let config {
            values += config.layout.entries.filter { $0.path.last.map(ProviderSettingsConfig.looksSecret) ?? false }
                .compactMap(\.value.string)
        }
        return values
    }
}
