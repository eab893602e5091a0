import ResponsesTranslation

/// An error answer exactly as MiMo sends it, so the simulator can fail a bad bridge request with the
/// same status and body that real MiMo would (mimo-api.md §8).
public struct MimoRejection: Error, Sendable, Equatable {
    /// 400 for a malformed request; 404 when the model lacks a capability (images to a text-only model).
    public var status: Int
    /// MiMo's headline, e.g. "Param Incorrect".
    public var message: String
    /// MiMo's detail text, e.g. "The reasoning_content in the thinking mode must be passed back to the API.".
    public var param: String
    /// The JSON error body, `{"error":{"code":"400","message":…,"param":…,"type":""}}`, in MiMo's member
    /// order. `code` is a string, as MiMo sends it.
    public var body: JSONValue {
        var error = JSONObject()
        error.appendUnique("code", .string(String(status)))
        error.appendUnique("message", .string(message))
        error.appendUnique("param", .string(param))
        error.appendUnique("type", .string(""))
        return .object(["error": .object(error)])
    }

    /// MiMo's catch-all 400: every schema and semantic failure it reports is "Param Incorrect" plus a detail.
    public static func paramIncorrect(_ param: String) -> MimoRejection {
        MimoRejection(status: 400, message: "Param Incorrect", param: param)
    }
}
