/// Encodes `Encodable` values as `JSONValue`, without Foundation. Objects keep their keys in the order
/// they were encoded (declaration order, for a synthesized conformance); integers keep their exact text.
///
/// ```swift
/// let encoder = JSONValueEncoder(keys: .snakeCase, nils: .null)
/// let json = try encoder.encode(status)   // {"version":"0.1.0","pid":42,"last_error":null,…}
/// ```
public struct JSONValueEncoder: Sendable {
    /// What an absent optional becomes under a keyed container's `encodeIfPresent` (which synthesized
    /// conformances use for every optional property).
    public enum NilEncoding: Sendable, Equatable {
        /// The key is left out, as Foundation's `JSONEncoder` does.
        case omitted
        /// The key is written with `null`, for formats whose readers expect every key.
        case null
    }

    public var keys: JSONKeyNaming
    public var nils: NilEncoding

    public init(keys: JSONKeyNaming = .asDeclared, nils: NilEncoding = .omitted) {
        self.keys = keys
        self.nils = nils
    }

    /// Throws only what the value's own `encode(to:)` throws. A value that encodes nothing is `{}`.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = EncodingNode()
        try encode(value, into: root, codingPath: [])
        return root.value
    }

    func encode<T: Encodable>(_ value: T, into node: EncodingNode, codingPath: [any CodingKey]) throws {
        if let scalar = value as? any JSONScalar {
            node.set(scalar.jsonValue)
        } else {
            try value.encode(to: NodeEncoder(node: node, codingPath: codingPath, options: self))
        }
    }
}

/// A value being encoded. The Encoder protocol hands out containers that keep writing after they are
/// returned, nested ones included, so the tree is built from shared nodes and read out once at the end.
final class EncodingNode {
    private enum Shape { case unset, scalar, object, array }
    private var shape = Shape.unset
    private var scalar = JSONValue.null
    /// An object's keys, in order, parallel to `children`; an array has only `children`.
    private var keys: [String] = []
    private var positions: [String: Int] = [:]
    private var children: [EncodingNode] = []

    func set(_ value: JSONValue) {
        precondition(shape == .unset || shape == .scalar, "a value was encoded twice into one place, once with a container")
        shape = .scalar
        scalar = value
    }

    func makeObject() {
        precondition(shape == .unset || shape == .object, "a keyed container was asked for where another value was encoded")
        shape = .object
    }

    func makeArray() {
        precondition(shape == .unset || shape == .array, "an unkeyed container was asked for where another value was encoded")
        shape = .array
    }

    /// The node of an object's member. A key encoded again keeps its first position and takes the new value.
    func member(_ key: String) -> EncodingNode {
        makeObject()
        let node = EncodingNode()
        if let position = positions[key] {
            children[position] = node
        } else {
            positions[key] = keys.count
            keys.append(key)
            children.append(node)
        }
        return node
    }

    func appendElement() -> EncodingNode {
        makeArray()
        let node = EncodingNode()
        children.append(node)
        return node
    }

    var count: Int { children.count }

    var value: JSONValue {
        switch shape {
        case .unset: .object(JSONObject())
        case .scalar: scalar
        case .object: .object(JSONObject(uniqueMembers: zip(keys, children).map { JSONObject.Member(key: $0, value: $1.value) }))
        case .array: .array(children.map(\.value))
        }
    }
}
