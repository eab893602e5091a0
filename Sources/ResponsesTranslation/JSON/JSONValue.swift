/// A JSON document as a value. Objects keep their members in document order, so what we forward
/// upstream (tool schemas, arguments) reads the way the client wrote it, and numbers keep their
/// literal text, so large integers and exact decimals survive a round trip unchanged.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's literal text as it appeared in (or will appear in) a document, e.g. `"131072"`, `"0.5"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    public static func double(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        // Integral values print without a fraction. The check converts and compares instead of calling
        // `rounded()`, which needs libm and so fails to link on Linux without Foundation.
        if abs(value) < 9.0e15 {
            let integer = Int64(value)
            if Double(integer) == value { return .number(String(integer)) }
        }
        return .number(String(value))
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var intValue: Int? {
        guard case .number(let literal) = self else { return nil }
        if let i = Int(literal) { return i }
        // `Int(d)` truncates; the value is integral when converting back gives it again (no libm needed).
        if let d = Double(literal), abs(d) < 9.0e18, Double(Int(d)) == d { return Int(d) }
        return nil
    }

    public var doubleValue: Double? {
        guard case .number(let literal) = self else { return nil }
        return Double(literal)
    }

    /// The JSON type name, for error messages and schema checks.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// An ordered JSON object. Lookup is linear, which is faster than hashing for the small objects
/// that make up nearly every request; a duplicate key keeps its first position and the last value.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) { self.key = key; self.value = value }
    }

    public private(set) var members: [Member]

    public init() { members = [] }
    public init(_ members: [Member]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        if members.count <= 16 {
            for m in members { self[m.key] = m.value }
        } else {
            // A hash table keeps this linear for large objects.
            var positions: [String: Int] = [:]
            positions.reserveCapacity(members.count)
            for m in members {
                if let i = positions[m.key] {
                    self.members[i].value = m.value
                } else {
                    positions[m.key] = self.members.count
                    self.members.append(m)
                }
            }
        }
    }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = []
        self.members.reserveCapacity(elements.count)
        for (k, v) in elements { self[k] = v }
    }
    /// For the parser, which has already merged duplicate keys.
    init(uniqueMembers: [Member]) { members = uniqueMembers }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get {
            for m in members where m.key == key { return m.value }
            return nil
        }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Appends without checking for an existing key: for builders that know their keys are unique.
    public mutating func appendUnique(_ key: String, _ value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    /// Objects compare as JSON objects: same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        if lhs.members.count <= 16 {
            for m in lhs.members where rhs[m.key] != m.value { return false }
            return true
        }
        // Large objects: a hash table keeps this linear (a client controls how many keys there are).
        var rhsValues: [String: JSONValue] = [:]
        rhsValues.reserveCapacity(rhs.members.count)
        for m in rhs.members where rhsValues[m.key] == nil { rhsValues[m.key] = m.value }
        for m in lhs.members where rhsValues[m.key] != m.value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with ==.
        var combined = 0
        for m in members {
            var h = Hasher()
            h.combine(m.key)
            h.combine(m.value)
            combined ^= h.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var o = JSONObject()
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
    public init(nilLiteral: ()) { self = .null }
}
