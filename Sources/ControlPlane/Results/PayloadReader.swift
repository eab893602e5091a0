import ResponsesTranslation

/// Reads the fields of a reply or result object with errors that name the field. Unknown keys are
/// ignored, so a newer daemon may add fields without breaking an older client. A missing optional
/// field and an explicit null read the same.
struct PayloadReader {
    let object: JSONObject
    /// Where the object sits, e.g. "status.upstream", for error messages.
    let context: String

    init(_ value: JSONValue, context: String) throws(ControlProtocolError) {
        guard case .object(let object) = value else {
            throw Self.error("\(context) must be an object, got \(value.typeName)")
        }
        self.object = object
        self.context = context
    }

    func string(_ key: String) throws(ControlProtocolError) -> String {
        guard let value = try optionalString(key) else { throw missing(key) }
        return value
    }

    func optionalString(_ key: String) throws(ControlProtocolError) -> String? {
        switch object[key] {
        case nil, .null: return nil
        case .string(let s): return s
        case let other?: throw mistyped(key, "a string", other)
        }
    }

    func int(_ key: String) throws(ControlProtocolError) -> Int {
        guard let value = try optionalInt(key) else { throw missing(key) }
        return value
    }

    func optionalInt(_ key: String) throws(ControlProtocolError) -> Int? {
        switch object[key] {
        case nil, .null: return nil
        case let value?:
            guard let number = value.intValue else { throw mistyped(key, "an integer", value) }
            return number
        }
    }

    func double(_ key: String) throws(ControlProtocolError) -> Double {
        guard let value = try optionalDouble(key) else { throw missing(key) }
        return value
    }

    func optionalDouble(_ key: String) throws(ControlProtocolError) -> Double? {
        switch object[key] {
        case nil, .null: return nil
        case let value?:
            guard let number = value.doubleValue else { throw mistyped(key, "a number", value) }
            return number
        }
    }

    func bool(_ key: String) throws(ControlProtocolError) -> Bool {
        switch object[key] {
        case nil, .null: throw missing(key)
        case .bool(let b): return b
        case let other?: throw mistyped(key, "a boolean", other)
        }
    }

    /// A list of strings; missing reads as empty, since every list in a result may be empty.
    func strings(_ key: String) throws(ControlProtocolError) -> [String] {
        var result: [String] = []
        for (index, item) in try array(key).enumerated() {
            guard case .string(let s) = item else { throw mistyped("\(key)[\(index)]", "a string", item) }
            result.append(s)
        }
        return result
    }

    func nested(_ key: String) throws(ControlProtocolError) -> PayloadReader {
        guard let value = try optionalNested(key) else { throw missing(key) }
        return value
    }

    func optionalNested(_ key: String) throws(ControlProtocolError) -> PayloadReader? {
        switch object[key] {
        case nil, .null: return nil
        case let value?: return try PayloadReader(value, context: "\(context).\(key)")
        }
    }

    /// A nested result object.
    func payload<Payload: ControlResultPayload>(_ key: String, as type: Payload.Type = Payload.self) throws(ControlProtocolError) -> Payload {
        guard let value = try optionalPayload(key, as: type) else { throw missing(key) }
        return value
    }

    func optionalPayload<Payload: ControlResultPayload>(_ key: String, as type: Payload.Type = Payload.self) throws(ControlProtocolError) -> Payload? {
        switch object[key] {
        case nil, .null: return nil
        case let value?: return try Payload(json: value)
        }
    }

    /// A list of result objects; missing reads as empty.
    func payloads<Payload: ControlResultPayload>(_ key: String, as type: Payload.Type = Payload.self) throws(ControlProtocolError) -> [Payload] {
        var result: [Payload] = []
        for item in try array(key) { result.append(try Payload(json: item)) }
        return result
    }

    private func array(_ key: String) throws(ControlProtocolError) -> [JSONValue] {
        switch object[key] {
        case nil, .null: return []
        case .array(let items): return items
        case let other?: throw mistyped(key, "an array", other)
        }
    }

    private func missing(_ key: String) -> ControlProtocolError {
        Self.error("\(context) has no \"\(key)\"")
    }

    private func mistyped(_ key: String, _ expected: String, _ value: JSONValue) -> ControlProtocolError {
        Self.error("\(context).\(key) must be \(expected), got \(value.typeName)")
    }

    private static func error(_ message: String) -> ControlProtocolError {
        ControlProtocolError(code: .malformedRequest, message: "unreadable reply from the daemon: \(message)",
                             hint: "ccmimoctl and ccmimolinkd may be from different releases")
    }
}

/// Builds result objects: keys in the order given, optional values written as null.
struct PayloadWriter {
    private(set) var object = JSONObject()

    mutating func set(_ key: String, _ value: JSONValue) { object.appendUnique(key, value) }
    mutating func set(_ key: String, _ value: String) { set(key, .string(value)) }
    mutating func set(_ key: String, _ value: String?) { set(key, value.map(JSONValue.string) ?? .null) }
    mutating func set(_ key: String, _ value: Int) { set(key, .int(value)) }
    mutating func set(_ key: String, _ value: Double) { set(key, .double(value)) }
    mutating func set(_ key: String, _ value: Double?) { set(key, value.map(JSONValue.double) ?? .null) }
    mutating func set(_ key: String, _ value: Bool) { set(key, .bool(value)) }
    mutating func set(_ key: String, _ value: [String]) { set(key, .array(value.map(JSONValue.string))) }
    mutating func set(_ key: String, _ value: (some ControlResultPayload)?) { set(key, value?.toJSON() ?? .null) }
    mutating func set(_ key: String, _ values: [some ControlResultPayload]) { set(key, .array(values.map { $0.toJSON() })) }

    var json: JSONValue { .object(object) }
}
