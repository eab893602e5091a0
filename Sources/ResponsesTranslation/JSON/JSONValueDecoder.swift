/// Decodes `Decodable` values from `JSONValue`, without Foundation. Keys the type does not read are
/// ignored; errors are typed and name the path of the bad or missing field.
///
/// ```swift
/// let decoder = JSONValueDecoder(keys: .snakeCase, absentArraysAreEmpty: true)
/// let status = try decoder.decode(DaemonStatus.self, from: json)
/// ```
public struct JSONValueDecoder: Sendable {
    public var keys: JSONKeyNaming
    /// Whether an absent or null array reads as empty instead of as missing: for formats where a list
    /// with nothing in it may be left out (or was added after some writers).
    public var absentArraysAreEmpty: Bool

    public init(keys: JSONKeyNaming = .asDeclared, absentArraysAreEmpty: Bool = false) {
        self.keys = keys
        self.absentArraysAreEmpty = absentArraysAreEmpty
    }

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(JSONValueDecodingError) -> T {
        do {
            return try decode(type, from: value, codingPath: [])
        } catch let error as JSONValueDecodingError {
            throw error
        } catch let error as DecodingError {
            throw JSONValueDecodingError(error, keys: keys)
        } catch {
            throw JSONValueDecodingError(path: [], problem: .invalid("\(error)"))
        }
    }

    func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
        guard let scalarType = type as? any JSONScalar.Type else {
            return try T(from: NodeDecoder(value: value, codingPath: codingPath, options: self))
        }
        guard let scalar = scalarType.init(jsonValue: value) else {
            throw mistyped(value, expected: scalarType.jsonDescription, at: codingPath)
        }
        return scalar as! T
    }

    /// What a missing member reads as: an empty array when that is allowed and `T` is one, else nil.
    func absentValue<T>(of type: T.Type) -> T? {
        guard absentArraysAreEmpty, let arrayType = type as? any EmptyArrayRepresentable.Type else { return nil }
        return arrayType.empty as? T
    }

    func mistyped(_ value: JSONValue, expected: String, at codingPath: [any CodingKey]) -> JSONValueDecodingError {
        JSONValueDecodingError(at: codingPath, keys: keys, .mistyped(expected: expected, found: value.typeName))
    }

    func missing(at codingPath: [any CodingKey]) -> JSONValueDecodingError {
        JSONValueDecodingError(at: codingPath, keys: keys, .missing)
    }
}

/// Arrays, whatever their element: lets the decoder make the empty one of a type it only knows generically.
protocol EmptyArrayRepresentable {
    static var empty: Self { get }
}

extension Array: EmptyArrayRepresentable {
    static var empty: Self { [] }
}
