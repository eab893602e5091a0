/// Why `JSONValueDecoder` could not read a value, and where: the path is in JSON's own terms (keys as
/// spelled in the document, array indices), so a message can point at the field.
public struct JSONValueDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public enum Problem: Sendable, Equatable {
        /// The last step of the path is not there.
        case missing
        /// The value is of another JSON type: `expected` as in "must be an integer", `found` a JSON type name.
        case mistyped(expected: String, found: String)
        /// The type's own `init(from:)` refused the value, saying why.
        case invalid(String)
    }

    public var path: [Step]
    public var problem: Problem

    public init(path: [Step], problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The coding path of a container, each key spelled as the coder spells it in JSON.
    init(at codingPath: [any CodingKey], keys: JSONKeyNaming, _ problem: Problem) {
        self.init(path: codingPath.map { key in
            if key is JSONPathKey, let index = key.intValue { .index(index) } else { .key(keys.jsonKey(key.stringValue)) }
        }, problem: problem)
    }

    /// A `DecodingError` that a type's own `init(from:)` threw.
    init(_ error: DecodingError, keys: JSONKeyNaming) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(at: context.codingPath + [key], keys: keys, .missing)
        case .valueNotFound(let type, let context):
            self.init(at: context.codingPath, keys: keys, .mistyped(expected: "\(type)", found: "null"))
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            self.init(at: context.codingPath, keys: keys, .invalid(context.debugDescription))
        @unknown default:
            self.init(path: [], problem: .invalid("\(error)"))
        }
    }

    /// The message, with the path written from `root`: `status has no "pid"`,
    /// `status.upstream.base_url must be a string, got number`, `health.checks[1]: …`.
    public func description(root: String) -> String {
        switch problem {
        case .missing:
            guard let last = path.last else { return "\(root) is missing" }
            let parent = Self.text(of: path.dropLast(), from: root)
            return switch last {
            case .key(let key): "\(parent) has no \"\(key)\""
            case .index(let index): "\(parent) has no element \(index)"
            }
        case .mistyped(let expected, let found):
            return "\(Self.text(of: path[...], from: root)) must be \(expected), got \(found)"
        case .invalid(let reason):
            return "\(Self.text(of: path[...], from: root)): \(reason)"
        }
    }

    public var description: String { description(root: "the value") }

    private static func text(of path: ArraySlice<Step>, from root: String) -> String {
        path.reduce(root) { text, step in
            switch step {
            case .key(let key): text + "." + key
            case .index(let index): text + "[\(index)]"
            }
        }
    }
}
