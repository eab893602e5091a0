import Foundation
import PropertyBased
import Testing

@testable import ResponsesTranslation

/// Random JSON values for property tests.
enum JSONGen {
    /// Scalars that stress escaping and UTF-8: every control character, the characters JSON escapes,
    /// DEL, two- three- and four-byte sequences, U+2028, U+FFFD, the last scalar, a combining mark.
    static let trickyScalars: [Unicode.Scalar] = (0..<0x20).map { Unicode.Scalar(UInt8($0)) } + [
        "\"", "\\", "/", "\u{7F}", "é", "ß", "€", "中", "\u{2028}", "\u{FFFD}", "\u{FFFF}", "\u{10000}",
        "😀", "🚀", "\u{10FFFF}", "\u{0301}",
    ]

    static func string(_ rng: inout any SeededRandomNumberGenerator, maxLength: Int = 24) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                scalars.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
            case 5..<8:
                scalars.append(trickyScalars[Int.random(in: 0..<trickyScalars.count, using: &rng)])
            default:
                // Anywhere in Unicode; surrogate code points are not scalars and are skipped.
                if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &rng)) { scalars.append(scalar) }
            }
        }
        return String(scalars)
    }

    /// A valid JSON number literal: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    static func number(_ rng: inout any SeededRandomNumberGenerator) -> String {
        func digits(_ range: ClosedRange<Int>, _ rng: inout any SeededRandomNumberGenerator) -> String {
            String((0..<Int.random(in: range, using: &rng)).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
        }
        var literal = Bool.random(using: &rng) ? "-" : ""
        literal += Int.random(in: 0..<4, using: &rng) == 0 ? "0" : String(Int.random(in: 1...9, using: &rng)) + digits(0...19, &rng)
        if Bool.random(using: &rng) { literal += "." + digits(1...6, &rng) }
        if Bool.random(using: &rng) {
            literal += ["e", "E"][Int.random(in: 0...1, using: &rng)] + ["", "+", "-"][Int.random(in: 0...2, using: &rng)]
            literal += digits(1...2, &rng)
        }
        return literal
    }

    static func value(_ rng: inout any SeededRandomNumberGenerator, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth >= 4 ? 5 : 8), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(number(&rng))
        case 3, 4: return .string(string(&rng))
        case 5, 6:
            return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                object[string(&rng, maxLength: 6)] = value(&rng, depth: depth + 1)
            }
            return .object(object)
        }
    }

    /// Strictly smaller values, for the shrinker: children, containers with a member less, shorter strings.
    static func shrink(_ value: JSONValue) -> [JSONValue] {
        switch value {
        case .null: return []
        case .bool(let b): return b ? [.bool(false)] : [.null]
        case .number(let literal): return literal == "0" ? [] : [.number("0")]
        case .string(let s): return s.isEmpty ? [] : [.string(""), .string(String(s.unicodeScalars.dropLast()))]
        case .array(let items):
            return items.isEmpty ? [] : items + [.array(Array(items.dropFirst())), .array(Array(items.dropLast()))]
        case .object(let object):
            let members = object.members
            return members.isEmpty
                ? [] : members.map(\.value) + [.object(JSONObject(Array(members.dropFirst()))), .object(JSONObject(Array(members.dropLast())))]
        }
    }

    static let values = Generator<JSONValue, [JSONValue]>(run: { rng in value(&rng) }, shrink: { shrink($0) })
    static let strings = Generator<String, Shrink.None<String>>(run: { rng in string(&rng, maxLength: 64) })
}

/// String == compares canonical equivalence ("é" == "e\u{301}"); round trips must keep the exact scalars.
func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

/// The escaping rules, spelled out one scalar at a time, to check the word-at-a-time writer against.
private func referenceEscaped(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{8}": out += "\\b"
        case "\u{C}": out += "\\f"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

@Suite struct JSONSerializerTests {
    // MARK: Exact output

    @Test func compactOutputKeepsOrderAndHasNoWhitespace() {
        let value: JSONValue = ["b": 1, "a": [true, nil, "x", .number("-0.5e3")], "c": .object([:]), "d": []]
        #expect(value.serialized() == #"{"b":1,"a":[true,null,"x",-0.5e3],"c":{},"d":[]}"#)
        #expect(value.serializedBytes() == Array(value.serialized().utf8))
        #expect(value.description == value.serialized())
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        let value: JSONValue = ["b": 1, "a": [true, ["k": "v"], []], "c": .object([:])]
        #expect(value.prettyPrinted() == """
            {
              "b": 1,
              "a": [
                true,
                {
                  "k": "v"
                },
                []
              ],
              "c": {}
            }
            """)
        #expect(JSONValue.string("x").prettyPrinted() == #""x""#)
        #expect(JSONValue.array([]).prettyPrinted() == "[]")
    }

    @Test func escapesExactlyWhatJSONRequires() {
        var all = ""
        for byte in UInt8(0)..<0x20 { all.unicodeScalars.append(Unicode.Scalar(byte)) }
        #expect(JSONValue.string(all).serialized() == #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#)
        #expect(JSONValue.string(#"say "hi" \ bye"#).serialized() == #""say \"hi\" \\ bye""#)
        // Slash, DEL, non-ASCII and emoji are written as they are.
        #expect(JSONValue.string("a/b\u{7F}é中😀\u{2028}").serialized() == "\"a/b\u{7F}é中😀\u{2028}\"")
        #expect(JSONValue.string("").serialized() == #""""#)
        // Keys are escaped too.
        #expect(JSONValue.object(["a\"b\n": 1]).serialized() == #"{"a\"b\n":1}"#)
    }

    @Test func escapesSpecialBytesAtEveryPositionOfAWord() {
        // The writer scans eight bytes at a time: put each special character at each offset, in strings
        // long enough to take the word path and short enough to end in the byte-at-a-time tail.
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "é", "😀"] {
            for length in 0...20 {
                for position in 0...length {
                    var s = String(repeating: "a", count: length)
                    s.insert(contentsOf: special, at: s.index(s.startIndex, offsetBy: position))
                    #expect(sameBytes(JSONValue.string(s).serialized(), referenceEscaped(s)), "\(special.debugDescription) at \(position) of \(length)")
                }
            }
        }
    }

    @Test func writeStringAppendsToExistingOutput() {
        var out = Array("prefix:".utf8)
        JSONValue.writeString("a\"b", into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"prefix:"a\"b""#)
    }

    @Test func numbersAreWrittenAsTheirLiteral() {
        #expect(JSONValue.number("123456789012345678901234567890").serialized() == "123456789012345678901234567890")
        #expect(JSONValue.number("1E+2").serialized() == "1E+2")
        #expect(JSONValue.int(-42).serialized() == "-42")
        #expect(JSONValue.double(1.0).serialized() == "1")
        #expect(JSONValue.double(-3.0).serialized() == "-3")
        #expect(JSONValue.double(0.5).serialized() == "0.5")
        #expect(JSONValue.double(-0.0).serialized() == "0")
        #expect(JSONValue.double(1e20).serialized() == "1e+20")
        #expect(JSONValue.double(.nan) == .null)
        #expect(JSONValue.double(.infinity) == .null)
        #expect(JSONValue.double(-.infinity) == .null)
        #expect(JSONValue.number("1e3").intValue == 1000)
        #expect(JSONValue.number("-2.0").intValue == -2)
        #expect(JSONValue.number("1.5").intValue == nil)
        #expect(JSONValue.number("1e30").intValue == nil)
        #expect(JSONValue.number("0.25").doubleValue == 0.25)
    }

    // MARK: Round trips

    @Test func randomValuesRoundTrip() async {
        await propertyCheck(count: 200, input: JSONGen.values) { value in
            let compact = value.serialized()
            let reparsed = try JSONValue.parse(compact)
            #expect(reparsed == value)
            // Equality ignores member order, so compare the text too: order must survive.
            #expect(sameBytes(reparsed.serialized(), compact))
            #expect(try JSONValue.parse(value.serializedBytes()) == value)
            let pretty = value.prettyPrinted()
            let reparsedPretty = try JSONValue.parse(pretty)
            #expect(reparsedPretty == value)
            #expect(sameBytes(reparsedPretty.serialized(), compact))
        }
    }

    @Test func randomStringsRoundTripThroughEscaping() async {
        await propertyCheck(count: 200, input: JSONGen.strings) { s in
            let text = JSONValue.string(s).serialized()
            #expect(sameBytes(text, referenceEscaped(s)))
            let parsed = try JSONValue.parse(text)
            #expect(parsed.stringValue.map { sameBytes($0, s) } == true)
            let inObject = try JSONValue.parse("{\(text):[\(text)]}")
            #expect(inObject == .object([s: [.string(s)]]))
            #expect(inObject.objectValue?.keys.first.map { sameBytes($0, s) } == true)
        }
    }

    @Test func writingIntoFixedMemoryGivesTheSameBytesOrNilWhenTooSmall() async {
        await propertyCheck(count: 200, input: JSONGen.values) { value in
            let expected = value.serializedBytes()
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: expected.count + 16, alignment: 1)
            defer { memory.deallocate() }
            // Room to spare, and exactly enough: the same bytes, and nothing written past them.
            for room in [expected.count + 16, expected.count] {
                memory.initializeMemory(as: UInt8.self, repeating: 0xEE)
                let written = value.write(into: UnsafeMutableRawBufferPointer(rebasing: memory[0..<room]))
                #expect(written == expected.count)
                #expect(Array(memory[0..<expected.count]) == expected)
                #expect(memory[expected.count...].allSatisfy { $0 == 0xEE })
            }
            // One byte short, and half: nil, and still nothing written past the memory given.
            for room in Set([expected.count - 1, expected.count / 2]) where room >= 0 {
                memory.initializeMemory(as: UInt8.self, repeating: 0xEE)
                #expect(value.write(into: UnsafeMutableRawBufferPointer(rebasing: memory[0..<room])) == nil)
                #expect(memory[room...].allSatisfy { $0 == 0xEE })
            }
        }
    }

    @Test func memberOrderIsPreserved() throws {
        let keys = ["zeta", "alpha", "mu", "beta", "", "Ω", "10", "2"]
        var object = JSONObject()
        for (i, key) in keys.enumerated() { object[key] = .int(i) }
        let text = JSONValue.object(object).serialized()
        #expect(try JSONValue.parse(text).objectValue?.keys == keys)
        #expect(try JSONValue.parse(JSONValue.object(object).prettyPrinted()).objectValue?.keys == keys)
    }

    // MARK: Other parsers read our output

    @Test func foundationAcceptsOurOutput() async {
        await propertyCheck(count: 200, input: JSONGen.values) { value in
            let parsed = try? JSONSerialization.jsonObject(with: Data(value.serializedBytes()), options: .fragmentsAllowed)
            #expect(parsed != nil, "Foundation rejected \(value.serialized())")
            #expect((try? JSONSerialization.jsonObject(with: Data(value.prettyPrinted().utf8), options: .fragmentsAllowed)) != nil)
        }
    }

    @Test func foundationAndWeAgreeOnStrings() async throws {
        await propertyCheck(count: 200, input: JSONGen.strings) { s in
            // Ours → Foundation.
            let decoded = try JSONSerialization.jsonObject(with: Data(JSONValue.array([.string(s)]).serializedBytes()))
            #expect(decoded as? [String] == [s])
            // Foundation → ours (Foundation escapes differently, e.g. "\/").
            let encoded = try JSONSerialization.data(withJSONObject: [s])
            #expect(try JSONValue.parse(Array(encoded)) == [.string(s)])
        }
    }

    // MARK: JSONObject equality and hashing

    @Test func objectEqualityIgnoresMemberOrder() {
        let ab: JSONObject = ["a": 1, "b": [1, 2]]
        let ba: JSONObject = ["b": [1, 2], "a": 1]
        #expect(ab == ba)
        #expect(ab.hashValue == ba.hashValue)
        #expect(Set([JSONValue.object(ab), .object(ba)]).count == 1)
        #expect(ab != ["a": 1, "b": [2, 1]], "arrays are ordered")
        #expect(ab != ["a": 1, "b": [1, 2], "c": nil])
        #expect(ab != ["a": 1])
        #expect(ab != ["a": 1, "c": [1, 2]])
        #expect(ab != ["a": "1", "b": [1, 2]])
        #expect(JSONValue.object(["o": ["x": 1, "y": 2]]) == .object(["o": ["y": 2, "x": 1]]), "nested objects too")
        #expect(JSONObject() == JSONObject())
    }

    @Test func shuffledObjectsAreEqualAndHashAlike() async {
        let gen = Generator<(JSONObject, UInt64), Shrink.None<(JSONObject, UInt64)>>(run: { rng in
            var object = JSONObject()
            // Up to 40 members, so that large objects (a different comparison path) are covered.
            for i in 0..<Int.random(in: 0...40, using: &rng) { object["k\(i)"] = JSONGen.value(&rng, depth: 2) }
            return (object, rng.next())
        })
        await propertyCheck(count: 200, input: gen) { object, seed in
            var rng = SplitMix(seed: seed)
            let shuffled = JSONObject(object.members.shuffled(using: &rng))
            #expect(shuffled == object)
            #expect(object == shuffled)
            #expect(shuffled.hashValue == object.hashValue)
            #expect(JSONValue.object(shuffled).hashValue == JSONValue.object(object).hashValue)
            guard let victim = object.members.randomElement(using: &rng) else { return }
            // Changing one value, dropping one member or renaming one key makes them unequal.
            var changed = shuffled
            changed[victim.key] = .array([victim.value])
            #expect(changed != object)
            #expect(object != changed)
            var dropped = shuffled
            dropped[victim.key] = nil
            #expect(dropped != object)
            var renamed = dropped
            renamed[victim.key + "'"] = victim.value
            #expect(renamed != object)
            #expect(object != renamed)
        }
    }

    @Test func hashingAgreesWithEqualityOnRandomValues() async {
        let pairs = Generator<(JSONValue, JSONValue), Shrink.None<(JSONValue, JSONValue)>>(run: { rng in
            // Small values from a small space, so that equal pairs come up often.
            func small(_ rng: inout any SeededRandomNumberGenerator, _ depth: Int) -> JSONValue {
                switch Int.random(in: 0..<(depth > 1 ? 3 : 5), using: &rng) {
                case 0: return .null
                case 1: return .int(Int.random(in: 0...1, using: &rng))
                case 2: return .string(["a", "b"][Int.random(in: 0...1, using: &rng)])
                case 3: return .array((0..<Int.random(in: 0...2, using: &rng)).map { _ in small(&rng, depth + 1) })
                default:
                    var o = JSONObject()
                    for key in ["a", "b"].shuffled(using: &rng) where Bool.random(using: &rng) { o[key] = small(&rng, depth + 1) }
                    return .object(o)
                }
            }
            return (small(&rng, 0), small(&rng, 0))
        })
        await propertyCheck(count: 300, input: pairs) { a, b in
            #expect((a == b) == (b == a))
            if a == b { #expect(a.hashValue == b.hashValue) }
            #expect((a == b) == (a.serializedSorted == b.serializedSorted))
        }
    }

    @Test func largeObjectsCompareInLinearTime() {
        let count = 50_000
        var forward = JSONObject(), backward = JSONObject()
        for i in 0..<count { forward.appendUnique("k\(i)", .int(i)) }
        for i in (0..<count).reversed() { backward.appendUnique("k\(i)", .int(i)) }
        let clock = ContinuousClock()
        var equal = false
        let elapsed = clock.measure { equal = forward == backward }
        #expect(equal)
        #expect(elapsed < .seconds(5), "quadratic comparison takes minutes")
        backward["k0"] = 1
        #expect(forward != backward)
    }
}

extension JSONValue {
    /// Compact text with object members sorted by key: equal for values that are equal as JSON.
    fileprivate var serializedSorted: String {
        switch self {
        case .array(let items): "[" + items.map(\.serializedSorted).joined(separator: ",") + "]"
        case .object(let object):
            "{" + object.members.sorted { $0.key < $1.key }
                .map { JSONValue.string($0.key).serialized() + ":" + $0.value.serializedSorted }.joined(separator: ",") + "}"
        default: serialized()
        }
    }
}

/// A tiny seeded generator, so that a property's shuffles are reproducible from its input.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
