import MimoSimulator
import PropertyBased
import SessionReplay
import Testing
@testable import ResponsesTranslation

/// Every derived byte of a MiMo request must stay as it was while the conversation grows, or MiMo's
/// prompt cache (about 1 % of the fresh price) is lost from the first changed byte on. Random Codex
/// sessions, in shapes the recorded one does not have (foreign ids and reasoning, missing reasoning,
/// invalid arguments, custom, namespace and local_shell calls, tool outputs with images, empty
/// outputs, json_schema output, thinking off, tools revealed by tool_search), are sent request by
/// request, as Codex sends them, and each prompt must extend the previous one sent to the same model.
@Suite struct PromptPrefixPropertyTests {
    /// A Codex session: each request's body, in order. Every request repeats the whole history.
    struct Session: CustomStringConvertible {
        var requests: [JSONValue]
        var description: String { requests.last?.serialized() ?? "(empty)" }
    }

    static let tools: JSONValue = json(#"""
        [{"type":"function","name":"exec_command","description":"Runs a command.","strict":false,
          "parameters":{"type":"object","properties":{"cmd":{"type":"string"},"yield_time_ms":{"type":"number","minimum":0,"default":1.0e3}},"required":["cmd"],"additionalProperties":false}},
         {"type":"custom","name":"apply_patch","description":"Edits files.","format":{"type":"grammar","syntax":"lark","definition":"start: patch"}},
         {"type":"namespace","name":"multi_agent_v1","description":"Agents.","tools":[{"type":"function","name":"spawn_agent","parameters":{"type":"object","properties":{"task":{"type":"string"}}}}]},
         {"type":"local_shell"},
         {"type":"tool_search","execution":"client","description":"Finds tools.","parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}},
         {"type":"web_search","external_web_access":false}]
        """#)

    static let revealedTools: [JSONValue] = [
        json(#"{"type":"namespace","name":"mcp__mini","description":"Mini server.","tools":[{"type":"function","name":"ping","defer_loading":true,"parameters":{"type":"object","properties":{"text":{"type":"string"}}}}]}"#),
        json(#"{"type":"function","name":"read_mcp_resource","defer_loading":true,"parameters":{"type":"object","properties":{"uri":{"type":"string"}}}}"#),
    ]

    static let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"

    /// Builds a session the way Codex does: a user message, then steps of the model (reasoning, text,
    /// calls), each step's outputs, and a request after every user message and every set of outputs.
    static let sessions = Generator<Session, Shrink.None<Session>>(run: { rng in
        func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
        func hex(_ count: Int) -> String { String((0..<count).map { _ in "0123456789abcdef".randomElement(using: &rng)! }) }
        let effort = ["none", "low", "high"].randomElement(using: &rng)!
        var base: [String: JSONValue] = ["model": "mimo-v2.6-pro", "tools": tools, "tool_choice": "auto", "parallel_tool_calls": true,
                                         "reasoning": ["effort": .string(effort)], "store": false, "stream": true,
                                         "prompt_cache_key": "thread-1"]
        if chance(20) {
            base["text"] = ["format": ["type": "json_schema", "name": "out", "strict": true,
                                       "schema": ["type": "object", "properties": ["answer": ["type": "string"]]]]]
        }
        var items: [JSONValue] = [
            ["type": "message", "role": "developer", "content": [["type": "input_text", "text": "You are a coding agent."]]],
            ["type": "message", "role": "developer", "content": [["type": "input_text", "text": "<permissions>workspace-write</permissions>"]]],
            ["type": "message", "role": "user", "content": [["type": "input_text", "text": "<environment_context>/tmp/p</environment_context>"]]],
        ]
        var requests: [JSONValue] = []
        func send() {
            var body = JSONObject()
            for (key, value) in base.sorted(by: { $0.key < $1.key }) { body.appendUnique(key, value) }
            body["input"] = .array(items)
            requests.append(.object(body))
        }
        var calls = 0
        for turn in 0..<Int.random(in: 2...6, using: &rng) {
            var content: [JSONValue] = [["type": "input_text", "text": .string("Turn \(turn): do the next thing.")]]
            if chance(25) {
                content.insert(contentsOf: [["type": "input_text", "text": "<image name=[Image #1]>"],
                                            ["type": "input_image", "image_url": .string(png), "detail": "high"],
                                            ["type": "input_text", "text": "</image>"]], at: 0)
            }
            items.append(["type": "message", "id": .string("msg_\(hex(8))"), "role": "user", "content": .array(content)])
            send()
            let steps = Int.random(in: 1...4, using: &rng)
            for step in 0..<steps {
                let last = step == steps - 1
                // Our ids carry the response's token; a history begun elsewhere has foreign ids.
                let token = chance(85) ? hex(24) : nil
                var n = 0
                func id(_ prefix: String) -> JSONValue {
                    n += 1
                    return .string(token.map { "\(prefix)_\($0)_\(n)" } ?? "\(prefix)_\(hex(10))")
                }
                if chance(75) {
                    let text = "Step \(turn).\(step): thinking it over."
                    let encrypted = token != nil ? ReasoningCodec.encodeReasoning(text) : "gAAAA" + hex(40)
                    items.append(["type": "reasoning", "id": id("rs"), "summary": chance(50) ? [["type": "summary_text", "text": .string(text)]] : [],
                                  "content": .null, "encrypted_content": .string(encrypted)])
                }
                if last || chance(30) {
                    items.append(["type": "message", "status": "completed", "id": id("msg"), "role": "assistant",
                                  "content": [["type": "output_text", "text": .string("Answer \(turn).\(step)"), "annotations": []]]])
                }
                if last { break }
                var outputs: [JSONValue] = []
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    calls += 1
                    let callID: JSONValue = .string("call_\(token ?? hex(8))_\(calls)")
                    switch Int.random(in: 0..<5, using: &rng) {
                    case 0:
                        items.append(["type": "custom_tool_call", "status": "completed", "id": id("ctc"), "call_id": callID, "name": "apply_patch",
                                      "input": "*** Begin Patch\n*** Add File: a.txt\n+hi \"there\"\n*** End Patch\n"])
                        outputs.append(["type": "custom_tool_call_output", "call_id": callID, "output": "Exit code: 0\nSuccess."])
                    case 1:
                        items.append(["type": "function_call", "status": "completed", "id": id("fc"), "call_id": callID, "name": "spawn_agent",
                                      "namespace": "multi_agent_v1", "arguments": #"{"task": "check"}"#])
                        outputs.append(["type": "function_call_output", "call_id": callID,
                                        "output": [["type": "input_text", "text": "spawned"], ["type": "input_text", "text": "agent 7"]]])
                    case 2:
                        items.append(["type": "local_shell_call", "status": "completed", "id": id("lsc"), "call_id": callID,
                                      "action": ["type": "exec", "command": ["ls", "-la"], "timeout_ms": 1000]])
                        outputs.append(["type": "local_shell_call_output", "call_id": callID, "output": ""])
                    case 3 where calls % 3 == 0:
                        items.append(["type": "tool_search_call", "id": id("tsc"), "call_id": callID, "status": "completed",
                                      "execution": "client", "arguments": ["query": "mini", "limit": 4]])
                        outputs.append(["type": "tool_search_output", "call_id": callID, "status": "completed", "execution": "client",
                                        "tools": .array([revealedTools[calls % revealedTools.count]])])
                    default:
                        let arguments = chance(10) ? "not json" : #"{"cmd": "cat b.txt", "yield_time_ms": 1000}"#
                        items.append(["type": "function_call", "status": "completed", "id": id("fc"), "call_id": callID,
                                      "name": "exec_command", "arguments": .string(arguments)])
                        var output: JSONValue = .string("Chunk ID: \(hex(6))\nOutput:\nb — ünïcode\n")
                        if chance(20) {
                            output = [["type": "input_text", "text": "screenshot"], ["type": "input_image", "image_url": .string(png)]]
                        }
                        outputs.append(["type": "function_call_output", "call_id": callID, "output": output])
                    }
                }
                items.append(contentsOf: outputs)
                send()
            }
        }
        return Session(requests: requests)
    })

    /// The tools, then the messages, as `CachePrompt` counts them, each part on its own.
    static func parts(_ body: JSONValue) -> (tools: [UInt8], messages: [UInt8]) {
        (CachePrompt(upstreamBody: ["tools": body["tools"] ?? []]).bytes,
         CachePrompt(upstreamBody: ["messages": body["messages"] ?? []]).bytes)
    }

    static func isPrefix(_ a: [UInt8], of b: [UInt8]) -> Bool {
        CachePrompt.commonPrefixLength(a, b) == a.count
    }

    /// One model that takes images: every prompt extends the previous one, except that tools revealed by
    /// tool_search join the end of the tool list (the one break left on purpose, when a client defers
    /// tools; ccmimolink's own catalog makes Codex declare them all up front).
    @Test func everyPromptExtendsThePreviousOne() async {
        await propertyCheck(count: 150, input: Self.sessions) { session in
            var replayer = SessionReplayer(options: TranslationOptions(), mimo: MimoRequestValidator())
            var previous: JSONValue?
            for (index, request) in session.requests.enumerated() {
                guard let sent = try? replayer.send(request) else {
                    Issue.record("request \(index) did not decode")
                    return
                }
                #expect(sent.rejection == nil, "MiMo would refuse request \(index): \(sent.rejection.map { "\($0.body)" } ?? "")")
                if let previous {
                    let (oldTools, oldMessages) = Self.parts(previous), (tools, messages) = Self.parts(sent.body)
                    let toolsExtend = Self.isPrefix(oldTools, of: tools), messagesExtend = Self.isPrefix(oldMessages, of: messages)
                    #expect(toolsExtend, "request \(index): the tool list changed before its end")
                    #expect(messagesExtend, "request \(index): an earlier message changed")
                    if oldTools == tools {
                        let promptExtends = Self.isPrefix(CachePrompt(upstreamBody: previous).bytes, of: CachePrompt(upstreamBody: sent.body).bytes)
                        #expect(promptExtends, "request \(index): the prompt does not extend the previous one")
                    }
                }
                previous = sent.body
            }
        }
    }

    /// The text model refuses images, so turns with images go to the vision model: each model's
    /// prompt still extends the one it was sent before.
    @Test func eachModelsPromptExtendsItsPreviousOne() async {
        let textOnly: Set<String> = [ModelDefaults.text]
        await propertyCheck(count: 150, input: Self.sessions) { session in
            var replayer = SessionReplayer(options: TranslationOptions(lineup: ModelLineup(refusedImages: textOnly)),
                                           mimo: MimoRequestValidator(lineup: SimulatedModelLineup(textOnly: textOnly)))
            var latest: [String: [UInt8]] = [:]
            for (index, request) in session.requests.enumerated() {
                guard let sent = try? replayer.send(request) else {
                    Issue.record("request \(index) did not decode")
                    return
                }
                #expect(sent.rejection == nil, "MiMo would refuse request \(index): \(sent.rejection.map { "\($0.body)" } ?? "")")
                let model = sent.body["model"]?.stringValue ?? ""
                let messages = Self.parts(sent.body).messages
                if let earlier = latest[model] {
                    let extends = Self.isPrefix(earlier, of: messages)
                    #expect(extends, "request \(index): an earlier message sent to \(model) changed")
                }
                latest[model] = messages
            }
        }
    }
}
