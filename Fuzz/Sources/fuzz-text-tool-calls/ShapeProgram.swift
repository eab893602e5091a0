import FuzzSupport
@testable import ResponsesTranslation

/// Reads fuzz bytes as a program that writes model text: prose without markup, and calls in each shape
/// MiMo leaks them in, with values taken from the input. It keeps what the scanner must give back: the
/// calls, in order, and the prose (the only text a reader may see).
///
/// Each step is an opcode byte, then the bytes its piece needs. Adjacent pieces never change one
/// another's meaning: a wrapper left open is followed by prose that starts with a letter, a bare patch
/// comes only last, after a line break.
struct ShapeProgram {
    private(set) var text = ""
    private(set) var prose = ""
    private(set) var calls: [TextToolCall] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) {
        var input = bytes[...]
        func byte() -> UInt8 {
            guard let first = input.first else { return 0 }
            input = input.dropFirst()
            return first
        }
        /// Up to 32 input bytes as text.
        func chunk() -> String {
            let count = min(Int(byte() % 33), input.count)
            defer { input = input.dropFirst(count) }
            return String(decoding: input.prefix(count), as: UTF8.self)
        }

        while !input.isEmpty {
            let opcode = byte()
            var endsInCall = true
            switch opcode % 10 {
            case 0, 1:
                appendProse(Self.plain(chunk()))
                endsInCall = false
            case 2:
                appendCall(shell: Self.value(chunk())) { "<tool_call>\n<function=shell>\n<parameter=command>\n\($0)\n</parameter>\n</function>\n</tool_call>" }
            case 3:
                appendCall(shell: Self.compactValue(chunk())) { "<function=shell><parameter=command>\($0)</parameter></function></tool_call>" }
            case 4:
                appendCall(shell: Self.compactValue(chunk())) { "<tool_call><function=shell><parameter=command>\($0)</parameter></function>" }
                appendProse("x" + Self.plain(chunk()))
                endsInCall = false
            case 5:
                appendCall(shell: Self.compactValue(chunk())) {
                    "<tml:function_calls><tml:invoke name=\"shell\"><tml:parameter name=\"command\">\($0)</tml:parameter></tml:invoke></tml:function_calls>"
                }
            case 6:
                appendCall(shell: Self.compactValue(chunk())) { "<invoke name=\"shell\">\n<parameter name=\"command\">\($0)</parameter>\n</invoke>\n</function_calls>" }
                // What the stray closer leaves: the line break before it.
                prose += "\n"
            case 7:
                // Inside a JSON string, anything goes.
                let value = chunk()
                text += "<tool_call>{\"name\": \"shell\", \"arguments\": {\"command\": \(JSONValue.string(value).serialized())}}</tool_call>"
                calls.append(TextToolCall(name: "shell", arguments: ["command": .string(value)]))
            case 8:
                let body = "run(" + Self.compactValue(chunk()) + ")"
                text += "<tool_call><function=exec>\(body)</parameter></function></tool_call>"
                calls.append(TextToolCall(name: "exec", arguments: ["input": .string(body)]))
            default:
                let patch = Self.patch(path: chunk(), line: chunk())
                text += "<tool_call><function=apply_patch>\(patch)</parameter></function></tool_call>"
                calls.append(TextToolCall(name: ApplyPatchBody.toolName, arguments: ["input": .string(patch)]))
            }
            // Closing tags left over right after a call go.
            if endsInCall, opcode & 0x80 != 0 { text += "</function></tool_call>" }
        }
        // A bare patch may end the answer, after a line break.
        if bytes.count % 3 == 0, !bytes.isEmpty {
            if !text.isEmpty, !text.hasSuffix("\n") { appendProse("\n") }
            let patch = Self.patch(path: "bare", line: String(decoding: bytes.prefix(8), as: UTF8.self))
            text += patch + "\n"
            calls.append(TextToolCall(name: ApplyPatchBody.toolName, arguments: ["input": .string(patch)]))
        } else if bytes.count % 3 == 1 {
            // Closing tags ending the answer, with nothing shown that they close.
            text += "\n</parameter></tool_call>"
            prose += "\n"
        }
    }

    private mutating func appendProse(_ piece: String) {
        text += piece
        prose += piece
    }

    private mutating func appendCall(shell command: String, _ render: (String) -> String) {
        text += render(command)
        calls.append(TextToolCall(name: "shell", arguments: ["command": .string(command)]))
    }

    /// Text that cannot start markup: no `<`, and no `*` that could start a patch line. (By scalar: a
    /// `<` with a combining mark after it is one Character, but still a `<` byte.)
    static func plain(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(scalar == "<" ? "(" : scalar == "*" ? "+" : scalar)
        }
        return result
    }

    /// A parameter value: anything but a closing tag (`</`) and a carriage return, which the framing
    /// line break would take with it.
    static func value(_ text: String) -> String {
        var result = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars where scalar != "\r" {
            if previous == "<", scalar == "/" { result.unicodeScalars.append(" ") }
            result.unicodeScalars.append(scalar)
            previous = scalar
        }
        return result
    }

    /// A value for the compact template, which has no framing: it must not both start and end with a
    /// line break, or those would be taken for the v2.5 framing.
    static func compactValue(_ text: String) -> String {
        let value = value(text)
        return value.hasPrefix("\n") && value.hasSuffix("\n") ? value + "." : value
    }

    /// A whole patch adding one file with one line.
    static func patch(path: String, line: String) -> String {
        let name = "f" + oneLine(plain(path))
        let added = oneLine(value(line))
        return "*** Begin Patch\n*** Add File: \(name)\n+\(added)\n*** End Patch\n"
    }

    private static func oneLine(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.filter { $0 != "\n" && $0 != "\r" })
        return result
    }
}
