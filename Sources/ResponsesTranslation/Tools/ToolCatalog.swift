/// Codex's tool declarations turned into MiMo functions, with the reversible name map that puts
/// calls back into the shape Codex expects (namespace, custom input, tool_search arguments).
public struct ToolCatalog: Sendable, Equatable {
    public static let toolSearchName = "tool_search"
    public static let localShellName = "shell"
    static let namespaceSeparator = "__"

    /// Chat Completions tool definitions, in the order Codex declared them, names unique.
    public private(set) var upstreamTools: [JSONValue] = []
    /// Every tool's route by the name MiMo sees, including tools later withheld by `tool_choice`.
    public private(set) var routes: [String: ToolRoute] = [:]

    public init() {}

    /// Builds the catalog from the request's `tools` plus the tools revealed by earlier
    /// `tool_search_output` items (Codex declares those only there).
    public static func build(tools: [JSONValue], revealed: [JSONValue]) -> (ToolCatalog, [TranslationNote]) {
        var catalog = ToolCatalog()
        var notes: [TranslationNote] = []
        for tool in tools { catalog.add(tool, namespace: nil, namespaceDescription: nil, notes: &notes) }
        for tool in revealed { catalog.add(tool, namespace: nil, namespaceDescription: nil, notes: &notes) }
        return (catalog, notes)
    }

    public func route(forUpstreamName name: String) -> ToolRoute? { routes[name] }

    /// The tools actually offered upstream and their parameter schemas, for text-call recovery.
    public var offeredSchemas: [String: JSONValue] {
        var schemas: [String: JSONValue] = [:]
        for tool in upstreamTools {
            if let name = tool["function"]?["name"]?.stringValue { schemas[name] = tool["function"]?["parameters"] ?? .null }
        }
        return schemas
    }

    /// The offered tools that stand for a freeform (custom) tool, by the name MiMo sees: their one
    /// argument is the raw `input`, which MiMo may also write as bare text.
    public var offeredFreeformNames: Set<String> {
        var names: Set<String> = []
        for tool in upstreamTools {
            if let name = tool["function"]?["name"]?.stringValue, routes[name]?.kind == .custom { names.insert(name) }
        }
        return names
    }

    /// The name MiMo sees for a (namespace, name) pair: `ns__name`, restricted to the characters and
    /// length OpenAI-compatible servers accept, deterministic so replayed calls match the tool list.
    public static func upstreamName(name: String, namespace: String?) -> String {
        let joined = namespace.map { $0.isEmpty ? name : $0 + namespaceSeparator + name } ?? name
        var sanitized = String(joined.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F || v == 0x2D
            return ok ? Character(scalar) : "_"
        })
        if sanitized.isEmpty { sanitized = "tool" }
        if sanitized.count > 64 || sanitized != joined && sanitized.count > 55 {
            sanitized = String(sanitized.prefix(55)) + "_" + fnv1a(joined)
        }
        return sanitized
    }

    /// Keeps only the named tools in the upstream list (a forced or allowed tool choice).
    mutating func restrictOffered(to allowed: Set<String>) {
        upstreamTools = upstreamTools.filter { tool in
            guard let name = tool["function"]?["name"]?.stringValue, let route = routes[name] else { return false }
            return allowed.contains(name) || allowed.contains(route.name)
        }
    }

    mutating func withdrawAll() { upstreamTools = [] }

    private mutating func add(_ tool: JSONValue, namespace: String?, namespaceDescription: String?, notes: inout [TranslationNote]) {
        guard let object = tool.objectValue else {
            notes.append(TranslationNote(.droppedTool, "a tool definition that is not an object"))
            return
        }
        let type = object["type"]?.stringValue ?? "function"
        let name = object["name"]?.stringValue ?? object["function"]?["name"]?.stringValue
        switch type {
        case "function":
            guard let name, !name.isEmpty else {
                notes.append(TranslationNote(.droppedTool, "a function tool without a name"))
                return
            }
            let fn = object["function"]?.objectValue ?? object
            var description = fn["description"]?.stringValue ?? ""
            if let namespace, let namespaceDescription, !namespaceDescription.isEmpty {
                description += (description.isEmpty ? "" : "\n\n") + "(\(namespace): \(namespaceDescription))"
            }
            let parameters = Self.normalisedParameters(fn["parameters"])
            var definition: JSONObject = ["name": .string(Self.upstreamName(name: name, namespace: namespace))]
            if !description.isEmpty { definition["description"] = .string(description) }
            definition["parameters"] = parameters
            // MiMo validates `strict` as a boolean: null or anything else is a 400, so send only a bool.
            if let strict = fn["strict"]?.boolValue { definition["strict"] = .bool(strict) }
            register(ToolRoute(kind: .function, name: name, namespace: namespace,
                               upstreamName: definition["name"]!.stringValue!, parameters: parameters),
                     definition: definition, notes: &notes)
        case "custom":
            guard let name, !name.isEmpty else {
                notes.append(TranslationNote(.droppedTool, "a custom tool without a name"))
                return
            }
            var description = object["description"]?.stringValue ?? ""
            description += (description.isEmpty ? "" : "\n\n")
                + "Pass this tool's raw input as the single string argument `input`; do not wrap it in any other JSON."
            if let format = object["format"], format["type"]?.stringValue == "grammar",
               let definition = format["definition"]?.stringValue {
                let syntax = format["syntax"]?.stringValue ?? "grammar"
                description += " The input must follow this \(syntax) grammar:\n```\n\(definition)\n```"
            }
            let parameters: JSONValue = [
                "type": "object",
                "properties": ["input": ["type": "string", "description": .string("The raw input for \(name).")]],
                "required": ["input"],
                "additionalProperties": false,
            ]
            let upstream = Self.upstreamName(name: name, namespace: namespace)
            register(ToolRoute(kind: .custom, name: name, namespace: namespace, upstreamName: upstream, parameters: parameters),
                     definition: ["name": .string(upstream), "description": .string(description), "parameters": parameters],
                     notes: &notes)
        case "namespace":
            guard let name, !name.isEmpty else {
                notes.append(TranslationNote(.droppedTool, "a namespace without a name"))
                return
            }
            for inner in object["tools"]?.arrayValue ?? [] {
                add(inner, namespace: name, namespaceDescription: object["description"]?.stringValue, notes: &notes)
            }
        case "tool_search":
            if let execution = object["execution"]?.stringValue, execution != "client" {
                notes.append(TranslationNote(.droppedTool, "tool_search with \(execution) execution is hosted by OpenAI"))
                return
            }
            let parameters = Self.normalisedParameters(object["parameters"])
            var definition: JSONObject = ["name": .string(Self.toolSearchName)]
            if let description = object["description"]?.stringValue { definition["description"] = .string(description) }
            definition["parameters"] = parameters
            register(ToolRoute(kind: .toolSearch, name: Self.toolSearchName, namespace: nil,
                               upstreamName: Self.toolSearchName, parameters: parameters),
                     definition: definition, notes: &notes)
        case "local_shell":
            register(ToolRoute(kind: .localShell, name: Self.localShellName, namespace: nil,
                               upstreamName: Self.localShellName, parameters: LocalShellAction.parameters),
                     definition: ["name": .string(Self.localShellName),
                                  "description": "Runs a shell command and returns its output.",
                                  "parameters": LocalShellAction.parameters],
                     notes: &notes)
        case "web_search", "web_search_preview", "file_search", "image_generation", "code_interpreter", "mcp",
             "computer_use", "computer_use_preview", "computer":
            notes.append(TranslationNote(.droppedTool, "\(type): a tool hosted by OpenAI that MiMo cannot run"))
        default:
            if type.hasPrefix("computer_use") || type.hasPrefix("web_search") {
                notes.append(TranslationNote(.droppedTool, "\(type): a tool hosted by OpenAI that MiMo cannot run"))
            } else {
                notes.append(TranslationNote(.droppedTool, "\(name ?? type): unknown tool type \(type)"))
            }
        }
    }

    private mutating func register(_ route: ToolRoute, definition: JSONObject, notes: inout [TranslationNote]) {
        // MiMo answers 400 "tools contains duplicate names": keep the first declaration.
        if routes[route.upstreamName] != nil {
            notes.append(TranslationNote(.droppedTool, "\(route.upstreamName): duplicate tool name, kept the first"))
            return
        }
        routes[route.upstreamName] = route
        upstreamTools.append(["type": "function", "function": .object(definition)])
    }

    static func normalisedParameters(_ value: JSONValue?) -> JSONValue {
        guard let object = value?.objectValue, !object.isEmpty else {
            return ["type": "object", "properties": .object([:])]
        }
        return .object(object)
    }

    /// The model reads a tool_search result as text; the tools it names become callable functions.
    static func describeRevealedTools(_ tools: [JSONValue]) -> String {
        var lines: [String] = []
        func visit(_ tool: JSONValue, namespace: String?) {
            guard let type = tool["type"]?.stringValue ?? (tool["name"] != nil ? "function" : nil) else { return }
            if type == "namespace", let ns = tool["name"]?.stringValue {
                for inner in tool["tools"]?.arrayValue ?? [] { visit(inner, namespace: ns) }
                return
            }
            guard let name = tool["name"]?.stringValue else { return }
            let upstream = upstreamName(name: name, namespace: namespace)
            if let description = tool["description"]?.stringValue, !description.isEmpty {
                lines.append("- \(upstream): \(description)")
            } else {
                lines.append("- \(upstream)")
            }
        }
        for tool in tools { visit(tool, namespace: nil) }
        if lines.isEmpty { return "No matching tools were found." }
        return "These tools are now available to call:\n" + lines.joined(separator: "\n")
    }

    static func fnv1a(_ s: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in s.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
