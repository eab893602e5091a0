import ResponsesTranslation

/// The `tools` array: OpenAI function tools only, plus MiMo's built-in `web_search`, which needs a paid
/// plugin our users do not have (mimo-api.md §4.4).
extension MimoRequestValidator {
    static let toolTypes = ["function", "web_search"]

    /// Returns the function names in request order.
    func checkTools(_ value: JSONValue?) throws(MimoRejection) -> [String] {
        guard let value = present(value) else { return [] }
        // An empty array is tolerated: MiMo's answer to `tools: []` is undocumented.
        guard case .array(let tools) = value else { throw PydanticDetail.wrongType("tools", "list") }
        var names: [String] = []
        for (index, tool) in tools.enumerated() {
            let loc = "tools.\(index)"
            guard case .object(let object) = tool else { throw PydanticDetail.wrongType(loc, "dictionary") }
            guard let type = object["type"] else { throw PydanticDetail.missingTag(loc, discriminator: "type") }
            switch type.stringValue {
            case "function":
                names.append(try checkFunctionTool(object, at: loc))
            case "web_search":
                throw MimoRejection.webSearchDisabled
            default:
                throw PydanticDetail.unknownTag(
                    loc, found: type.stringValue ?? type.serialized(), discriminator: "type", expected: Self.toolTypes)
            }
        }
        if Set(names).count != names.count { throw MimoRejection.duplicateToolNames }
        return names
    }

    /// `{"type":"function","function":{name, description?, parameters?, strict?}}`. A member that is
    /// present must have its type, `null` included: MiMo's documented `strict: null` 400 shows these
    /// fields are not nullable, and we assume the same of `description` and `parameters`.
    func checkFunctionTool(_ tool: JSONObject, at loc: String) throws(MimoRejection) -> String {
        guard let function = tool["function"] else { throw PydanticDetail.missing("\(loc).function") }
        guard case .object(let object) = function else {
            throw PydanticDetail.wrongType("\(loc).function", "dictionary")
        }
        guard let nameValue = object["name"] else { throw PydanticDetail.missing("\(loc).function.name") }
        guard let name = nameValue.stringValue else {
            throw PydanticDetail.wrongType("\(loc).function.name", "string")
        }
        guard Self.isValidFunctionName(name) else {
            throw MimoRejection.paramIncorrect(
                "\(loc).function.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'")
        }
        if let description = object["description"], description.stringValue == nil {
            throw PydanticDetail.wrongType("\(loc).function.description", "string")
        }
        if let parameters = object["parameters"], parameters.objectValue == nil {
            throw PydanticDetail.wrongType("\(loc).function.parameters", "dictionary")
        }
        if let strict = object["strict"], strict.boolValue == nil {
            throw MimoRejection.strictNotBoolean
        }
        return name
    }

    /// `^[a-zA-Z0-9_-]{1,64}$`, the OpenAI function-name rule that MiMo shares.
    static func isValidFunctionName(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard (1...64).contains(scalars.count) else { return false }
        return scalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "_" || s == "-"
        }
    }
}
