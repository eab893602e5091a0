/// Turns a parameter value MiMo wrote as text into the JSON type the tool's schema declares. Markup
/// syntaxes carry every value as text, so without this an integer `timeout_ms` would reach Codex as
/// `"5000"` and fail its argument decoding. Coercion never loses data: text that does not fit the
/// declared type stays a string.
enum SchemaValueCoercion {
    /// The schema of property `key` in a tool's `parameters` object, or nil when the schema says nothing.
    static func propertySchema(_ key: String, in parameters: JSONValue?) -> JSONValue? {
        guard let parameters, case .object(let object) = parameters else { return nil }
        if let property = object["properties"]?[key] { return property }
        if let additional = object["additionalProperties"], case .object = additional { return additional }
        return nil
    }

    /// The JSON type names a property schema allows: `type` as a string or an array, plus the types of
    /// `anyOf`/`oneOf` branches, since optional fields are often written as `anyOf: [{type}, {null}]`.
    static func declaredTypes(_ schema: JSONValue?) -> [String] {
        guard let schema, case .object(let object) = schema else { return [] }
        var types: [String] = []
        switch object["type"] {
        case .string(let type): types.append(type)
        case .array(let items): types.append(contentsOf: items.compactMap(\.stringValue))
        default: break
        }
        for key in ["anyOf", "oneOf"] {
            for branch in object[key]?.arrayValue ?? [] {
                for type in declaredTypes(branch) where !types.contains(type) { types.append(type) }
            }
        }
        return types
    }

    /// Coerces raw parameter text. When `string` is allowed the text stays as written (except a bare
    /// `null` where `null` is allowed too), because the model cannot mark a string in markup and any
    /// guess would change it.
    static func coerce(text: String, schema: JSONValue?) -> JSONValue {
        let types = declaredTypes(schema)
        if types.isEmpty { return untyped(text) }
        let trimmed = trimmedLowercaseKeyword(text)
        if types.contains("string") {
            if types.contains("null"), trimmed == "null" { return .null }
            return .string(text)
        }
        for type in ["null", "boolean", "integer", "number", "array", "object"] where types.contains(type) {
            if let value = attempt(type, text: text, keyword: trimmed) { return value }
        }
        return .string(text)
    }

    /// Coerces a value that arrived as JSON (the `{"name":…,"arguments":{…}}` form). Only a string whose
    /// declared type excludes `string` is converted; every other value is already what the model meant.
    static func coerce(value: JSONValue, schema: JSONValue?) -> JSONValue {
        guard case .string(let text) = value else { return value }
        let types = declaredTypes(schema)
        if types.isEmpty || types.contains("string") { return value }
        return coerce(text: text, schema: schema)
    }

    /// No declared type: JSON structures are kept as structures (a model writing `[1,2]` meant a list),
    /// everything else stays the text it was.
    private static func untyped(_ text: String) -> JSONValue {
        guard let first = text.utf8.first(where: { !ToolCallEnvelopeTags.isWhitespace($0) }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return .string(text) }
        switch try? JSONValue.parse(text) {
        case .some(let value) where value.arrayValue != nil || value.objectValue != nil: return value
        default: return .string(text)
        }
    }

    private static func attempt(_ type: String, text: String, keyword: String?) -> JSONValue? {
        switch type {
        case "null":
            return keyword == "null" ? .null : nil
        case "boolean":
            if keyword == "true" { return .bool(true) }
            if keyword == "false" { return .bool(false) }
            return nil
        case "integer":
            guard case .number(let literal)? = try? JSONValue.parse(text),
                  !literal.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") })
            else { return nil }
            return .number(literal)
        case "number":
            guard case .number(let literal)? = try? JSONValue.parse(text) else { return nil }
            return .number(literal)
        case "array":
            guard case .array(let items)? = try? JSONValue.parse(text) else { return nil }
            return .array(items)
        case "object":
            guard case .object(let object)? = try? JSONValue.parse(text) else { return nil }
            return .object(object)
        default:
            return nil
        }
    }

    /// The text without surrounding whitespace, lowercased, when it is short enough to be a keyword
    /// (`true`, `False`, `null`); nil otherwise, so long values are never copied for this.
    private static func trimmedLowercaseKeyword(_ text: String) -> String? {
        let bytes = text.utf8
        guard bytes.count <= 32 else { return nil }
        let start = bytes.firstIndex(where: { !ToolCallEnvelopeTags.isWhitespace($0) }) ?? bytes.endIndex
        let end = bytes.lastIndex(where: { !ToolCallEnvelopeTags.isWhitespace($0) }).map { bytes.index(after: $0) } ?? start
        guard start < end else { return "" }
        return String(decoding: bytes[start..<end].map(ToolCallEnvelopeTags.asciiLowercased), as: UTF8.self)
    }
}
