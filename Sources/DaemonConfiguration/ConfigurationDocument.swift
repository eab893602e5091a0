import TOMLKit

/// config.toml parsed into top-level values. Everything TOMLKit-specific stays in this file.
struct ConfigurationDocument {
    /// Every top-level key; a table is `.table` with its members.
    var values: [String: FileValue] = [:]
    /// The keys inside each top-level table (`[server]` or `server = { … }`). No setting lives in
    /// a table; these let a misplaced setting be pointed out.
    var sectionKeys: [String: [String]] = [:]

    enum Parsed {
        case document(ConfigurationDocument)
        case syntaxError(ConfigurationIssue)
    }

    /// Parses `contents`, or returns the syntax error as an issue located in `path`.
    static func parse(_ contents: String, path: String) -> Parsed {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: contents)
        } catch let error as TOMLParseError {
            let position = ConfigurationIssue.Position(
                line: error.source.begin.line, column: error.source.begin.column)
            return .syntaxError(ConfigurationIssue(
                .error, origin: .file(path: path), key: "",
                reason: "TOML syntax error: \(error.description)", position: position))
        } catch {
            // TOMLKit documents only TOMLParseError; anything else still must not crash startup.
            return .syntaxError(ConfigurationIssue(
                .error, origin: .file(path: path), key: "", reason: "could not parse TOML: \(error)"))
        }

        var document = ConfigurationDocument()
        for key in table.keys {
            guard let value = table[key] else { continue }
            document.values[key] = FileValue(value)
            if let section = value.table {
                document.sectionKeys[key] = section.keys
            }
        }
        return .document(document)
    }
}

extension ConfigurationDocument {
    /// A TOML value written as text (an environment variable or a flag that holds a table, such as
    /// `{ "mimo-v3-pro" = { input = 0.5, cached_input = 0.005, output = 1.0 } }`); nil when it is not TOML.
    static func parseValue(_ text: String) -> FileValue? {
        guard let table = try? TOMLTable(string: "value = " + text), let value = table["value"] else { return nil }
        return FileValue(value)
    }
}

extension FileValue {
    fileprivate init(_ value: any TOMLValueConvertible) {
        switch value.type {
        case .string: self = .string(value.string ?? "")
        case .int: self = .integer(value.int ?? 0)
        case .bool: self = .boolean(value.bool ?? false)
        case .double: self = .float(value.double ?? 0)
        case .table:
            var members: [String: FileValue] = [:]
            if let table = value.table {
                for key in table.keys { if let member = table[key] { members[key] = FileValue(member) } }
            }
            self = .table(members)
        default: self = .other(typeName: value.type.description)
        }
    }
}
