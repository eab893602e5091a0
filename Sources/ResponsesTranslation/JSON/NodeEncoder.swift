/// The `Encoder` that `JSONValueEncoder` passes to `encode(to:)`, and its three containers. Scalars of
/// every type go through the generic `encode`, which `JSONValueEncoder.encode(_:into:codingPath:)` turns
/// into a JSON scalar.
struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let options: JSONValueEncoder
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(ObjectEncodingContainer(node: node, codingPath: codingPath, options: options))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return ArrayEncodingContainer(node: node, codingPath: codingPath, options: options)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        ScalarEncodingContainer(node: node, codingPath: codingPath, options: options)
    }
}

struct ObjectEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let options: JSONValueEncoder

    private func member(_ key: Key) -> EncodingNode { node.member(options.keys.jsonKey(key.stringValue)) }

    mutating func encodeNil(forKey key: Key) { member(key).set(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try options.encode(value, into: member(key), codingPath: codingPath + [key])
    }

    // The protocol's own `encodeIfPresent` leaves the key out; these follow `options.nils`. Each scalar type
    // needs its own overload, or the protocol's default would be chosen over the generic one.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }

    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value {
            try encode(value, forKey: key)
        } else if options.nils == .null {
            encodeNil(forKey: key)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(node: member(key), codingPath: codingPath + [key], options: options).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: member(key), codingPath: codingPath + [key], options: options).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.member(JSONPathKey.superclass.stringValue), codingPath: codingPath + [JSONPathKey.superclass],
                    options: options)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: member(key), codingPath: codingPath + [key], options: options)
    }
}

struct ArrayEncodingContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let options: JSONValueEncoder

    var count: Int { node.count }

    /// A new last element and its coding path.
    private func appendElement() -> (node: EncodingNode, codingPath: [any CodingKey]) {
        let index = count
        return (node.appendElement(), codingPath + [JSONPathKey.index(index)])
    }

    mutating func encodeNil() { node.appendElement().set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let (element, path) = appendElement()
        try options.encode(value, into: element, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (element, path) = appendElement()
        return NodeEncoder(node: element, codingPath: path, options: options).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (element, path) = appendElement()
        return NodeEncoder(node: element, codingPath: path, options: options).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let (element, path) = appendElement()
        return NodeEncoder(node: element, codingPath: path, options: options)
    }
}

struct ScalarEncodingContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let options: JSONValueEncoder

    mutating func encodeNil() { node.set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try options.encode(value, into: node, codingPath: codingPath)
    }
}
