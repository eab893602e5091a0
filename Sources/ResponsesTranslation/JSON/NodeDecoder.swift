/// The `Decoder` that `JSONValueDecoder` passes to `init(from:)`, and its three containers. Scalars of
/// every type go through the generic `decode`, which `JSONValueDecoder.decode(_:from:codingPath:)` reads.
struct NodeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let options: JSONValueDecoder
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw options.mistyped(value, expected: "an object", at: codingPath) }
        return KeyedDecodingContainer(ObjectDecodingContainer(object: object, codingPath: codingPath, options: options))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw options.mistyped(value, expected: "an array", at: codingPath) }
        return ArrayDecodingContainer(elements: elements, codingPath: codingPath, options: options)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        ScalarDecodingContainer(value: value, codingPath: codingPath, options: options)
    }
}

struct ObjectDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]
    let options: JSONValueDecoder

    private func jsonKey(_ key: Key) -> String { options.keys.jsonKey(key.stringValue) }

    /// See `JSONKeyNaming.snakeCase` for which keys it can list.
    var allKeys: [Key] {
        object.keys.compactMap { name in Key(stringValue: name).flatMap { jsonKey($0) == name ? $0 : nil } }
    }

    func contains(_ key: Key) -> Bool { object[jsonKey(key)] != nil }

    /// The member's value; absent is an error, as it is for every `decode` (`decodeIfPresent` asks `contains` first).
    private func member(_ key: Key) throws -> JSONValue {
        guard let value = object[jsonKey(key)] else { throw options.missing(at: codingPath + [key]) }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = object[jsonKey(key)]
        if value == nil || value == .null, let absent = options.absentValue(of: type) { return absent }
        return try options.decode(type, from: try member(key), codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try NodeDecoder(value: try member(key), codingPath: codingPath + [key], options: options).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(value: try member(key), codingPath: codingPath + [key], options: options).unkeyedContainer()
    }

    func superDecoder() -> any Decoder {
        NodeDecoder(value: object[JSONPathKey.superclass.stringValue] ?? .null, codingPath: codingPath + [JSONPathKey.superclass],
                    options: options)
    }

    func superDecoder(forKey key: Key) -> any Decoder {
        NodeDecoder(value: object[jsonKey(key)] ?? .null, codingPath: codingPath + [key], options: options)
    }
}

struct ArrayDecodingContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    let options: JSONValueDecoder
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey], options: JSONValueDecoder) {
        self.elements = elements
        self.codingPath = codingPath
        self.options = options
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The current element and its coding path, moving on past it.
    private mutating func next() throws -> (value: JSONValue, codingPath: [any CodingKey]) {
        let path = codingPath + [JSONPathKey.index(currentIndex)]
        guard !isAtEnd else { throw options.missing(at: path) }
        defer { currentIndex += 1 }
        return (elements[currentIndex], path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw options.missing(at: codingPath + [JSONPathKey.index(currentIndex)]) }
        if elements[currentIndex] != .null { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next()
        return try options.decode(type, from: value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next()
        return try NodeDecoder(value: value, codingPath: path, options: options).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next()
        return try NodeDecoder(value: value, codingPath: path, options: options).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next()
        return NodeDecoder(value: value, codingPath: path, options: options)
    }
}

struct ScalarDecodingContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let options: JSONValueDecoder

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try options.decode(type, from: value, codingPath: codingPath)
    }
}
