import ResponsesTranslation

/// A failed command as the daemon reports it: a code for programs, a message for people, and a hint
/// saying what to do about it.
public struct ControlFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ControlErrorCode
    public var message: String
    public var hint: String?

    public init(code: ControlErrorCode, message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }

    /// The reply's `error` object; `hint` is left out when there is none.
    public var json: JSONValue {
        var error = JSONObject()
        error.appendUnique("code", .string(code.rawValue))
        error.appendUnique("message", .string(message))
        if let hint { error.appendUnique("hint", .string(hint)) }
        return .object(error)
    }
}
