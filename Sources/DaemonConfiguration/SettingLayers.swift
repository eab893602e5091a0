import ResponsesTranslation
/// The three written layers (flags, environment, file) and what resolving them found: the source
/// of each chosen value and every problem on the way.
struct SettingLayers {
    /// Keyed by flag name without dashes.
    var flags: [String: String]
    var environment: [String: String]
    var fileValues: [String: FileValue]
    var filePath: String?

    var issues: [ConfigurationIssue] = []
    var sources: [SettingKey: SettingSource] = [:]

    /// The value from the highest layer that sets `key` (flags > environment > file), or nil when
    /// none does. Every layer is validated, not only the winner: a broken file value reported only
    /// once its override is removed would surprise at the worst moment.
    mutating func value<Value>(of key: SettingKey, _ conversion: ValueConversion<Value>) -> Value? {
        var chosen: (value: Value, source: SettingSource)?
        for (source, written) in writtenValues(of: key) {
            let result: Result<Value, ConversionFailure>
            let shown: String
            switch written {
            case .text(let text):
                result = conversion.fromText(text)
                shown = key.isSecret ? SecretRedaction.summary(of: text) : text
            case .file(let fileValue):
                result = conversion.fromFile(fileValue)
                shown = fileValue.writtenText
            }
            switch result {
            case .success(let value):
                if chosen == nil { chosen = (value, source) }
            case .failure(.invalid(let problem)):
                report(.error, at: source, key: key, "value '\(shown)' \(problem)")
            case .failure(.wrongType):
                report(.error, at: source, key: key, wrongTypeReason(written, conversion))
            }
        }
        if let chosen { sources[key] = chosen.source }
        return chosen?.value
    }

    /// Whether any layer sets `key`, valid or not.
    func isWritten(_ key: SettingKey) -> Bool {
        !writtenValues(of: key).isEmpty
    }

    mutating func report(
        _ severity: ConfigurationIssue.Severity, at source: SettingSource, key: SettingKey, _ reason: String
    ) {
        let name = switch source {
        case .environment(let variable): variable
        case .flag(let flag): flag
        case .file, .defaultValue: key.tomlKey
        }
        issues.append(ConfigurationIssue(severity, origin: source, key: name, reason: reason))
    }

    private enum Written {
        case text(String)
        case file(FileValue)
    }

    /// Highest precedence first.
    private func writtenValues(of key: SettingKey) -> [(SettingSource, Written)] {
        var found: [(SettingSource, Written)] = []
        if let flag = key.flagName, let text = flags[flag] {
            found.append((.flag(name: "--\(flag)"), .text(text)))
        }
        if let text = environmentText(of: key) {
            found.append((.environment(name: key.environmentVariable), .text(text)))
        }
        if key.isAcceptedFromFile, let filePath, let value = fileValues[key.tomlKey] {
            found.append((.file(path: filePath), .file(value)))
        }
        return found
    }

    /// An empty variable counts as unset, so `Environment=MIMO_MODEL=` in a drop-in clears it.
    private func environmentText(of key: SettingKey) -> String? {
        guard let text = environment[key.environmentVariable], !text.trimmedWhitespace.isEmpty else { return nil }
        if key == .stateDirectory {
            // systemd joins several StateDirectory= entries with ':'; the first is ours.
            return text.split(separator: ":").first.map(String.init)
        }
        return text
    }

    /// Only file values have types; a quoted number or boolean gets a hint, the commonest slip.
    private func wrongTypeReason<Value>(_ written: Written, _ conversion: ValueConversion<Value>) -> String {
        guard case .file(let fileValue) = written else { return "expected \(conversion.expected)" }
        var reason = "expected \(conversion.expected), found \(fileValue.foundDescription)"
        if case .string(let text) = fileValue, case .success = conversion.fromText(text) {
            reason += "; write it without quotes"
        }
        return reason
    }
}
