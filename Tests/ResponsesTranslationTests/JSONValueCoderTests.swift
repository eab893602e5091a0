import Testing

@testable import ResponsesTranslation

/// `JSONValueEncoder` and `JSONValueDecoder`: Codable over JSONValue, without Foundation.
@Suite struct JSONValueCoderTests {
    struct Listener: Codable, Equatable {
        var baseURL: String
        var inFlight: Int
        var note: String?
        var ratio: Double?
        var tags: [String]
    }

    struct Report: Codable, Equatable {
        var healthy: Bool
        var listeners: [Listener]
        var primary: Listener?
    }

    enum Mode: String, Codable { case standard, tokenPlan = "token-plan" }

    struct Moded: Codable { var mode: Mode }

    static let listener = Listener(baseURL: "http://127.0.0.1:9876/v1", inFlight: 2, note: nil, ratio: 0.75, tags: ["a"])
    static let snake = JSONValueEncoder(keys: .snakeCase, nils: .null)
    static let snakeDecoder = JSONValueDecoder(keys: .snakeCase)

    private func text(_ value: some Encodable, _ encoder: JSONValueEncoder = snake) throws -> String {
        try encoder.encode(value).serialized()
    }

    @Test func keysKeepTheirDeclarationOrderAndAbsentOptionalsFollowTheNilSetting() throws {
        #expect(try text(Self.listener)
                == #"{"base_url":"http://127.0.0.1:9876/v1","in_flight":2,"note":null,"ratio":0.75,"tags":["a"]}"#)
        #expect(try text(Self.listener, JSONValueEncoder())
                == #"{"baseURL":"http://127.0.0.1:9876/v1","inFlight":2,"ratio":0.75,"tags":["a"]}"#)
    }

    @Test(arguments: [
        ("inFlight", "in_flight"), ("baseURL", "base_url"), ("textID", "text_id"), ("knownCostUSD", "known_cost_usd"),
        ("URLPath", "url_path"), ("already_snake", "already_snake"), ("ok", "ok"), ("a", "a"), ("", ""),
        ("unpriced_Models", "unpriced_models"), ("v2Pro", "v2_pro"),
    ])
    func snakeCaseSplitsWordsAndRunsOfCapitals(declared: String, json: String) {
        #expect(JSONKeyNaming.snakeCase.jsonKey(declared) == json)
        #expect(JSONKeyNaming.asDeclared.jsonKey(declared) == declared)
    }

    @Test func numbersKeepTheirExactText() throws {
        #expect(try text([Int64.max]) == "[9223372036854775807]")
        #expect(try text([UInt64.max]) == "[18446744073709551615]")
        #expect(try text([15.0, 0.1 + 0.2, -2.5]) == "[15,0.30000000000000004,-2.5]")
        #expect(try text([Float(0.1)]) == "[0.1]")
        #expect(try text([Double.nan, .infinity]) == "[null,null]", "JSON has no NaN or infinity")
        #expect(try text([Int8.min]) == "[-128]")
    }

    @Test func nestedValuesArraysOfOptionalsAndEnumsEncode() throws {
        let report = Report(healthy: true, listeners: [Self.listener], primary: nil)
        #expect(try text(report) == #"{"healthy":true,"listeners":[\#(try text(Self.listener))],"primary":null}"#)
        #expect(try text([1, nil, 3] as [Int?]) == "[1,null,3]")
        #expect(try text(Moded(mode: .tokenPlan)) == #"{"mode":"token-plan"}"#)
        #expect(try text("top") == #""top""#)
    }

    /// Two keyed containers of one encoder write into one object, in the order of the calls; a key
    /// written twice keeps its first place and its last value.
    struct Interleaved: Encodable {
        enum Stored: String, CodingKey { case first, third }
        enum Derived: String, CodingKey { case second }

        func encode(to encoder: any Encoder) throws {
            var stored = encoder.container(keyedBy: Stored.self)
            var derived = encoder.container(keyedBy: Derived.self)
            try stored.encode(1, forKey: .first)
            try derived.encode(2, forKey: .second)
            try stored.encode(0, forKey: .third)
            try stored.encode(3, forKey: .third)
            var nested = stored.nestedUnkeyedContainer(forKey: .first)
            try nested.encode(true)
            var object = nested.nestedContainer(keyedBy: Stored.self)
            try object.encodeIfPresent(nil as String?, forKey: .first)
        }
    }

    @Test func containersOfOneEncoderShareItsObject() throws {
        #expect(try text(Interleaved()) == #"{"first":[true,{"first":null}],"second":2,"third":3}"#)
        #expect(try text(Interleaved(), JSONValueEncoder()) == #"{"first":[true,{}],"second":2,"third":3}"#)
    }

    @Test func roundTripsThroughTheWireText() throws {
        let report = Report(healthy: false, listeners: [Self.listener, .init(baseURL: "u", inFlight: 0, note: "n", ratio: nil, tags: [])],
                            primary: Self.listener)
        for (encoder, decoder) in [(Self.snake, Self.snakeDecoder), (JSONValueEncoder(), JSONValueDecoder())] {
            let wire = try encoder.encode(report).serialized()
            #expect(try decoder.decode(Report.self, from: JSONValue.parse(wire)) == report)
        }
    }

    @Test func unknownKeysAreIgnoredAndAbsentOrNullOptionalsReadAsNil() throws {
        let json: JSONValue = ["base_url": "u", "in_flight": 1, "ratio": nil, "tags": [], "added_later": ["x": 1]]
        let listener = try Self.snakeDecoder.decode(Listener.self, from: json)
        #expect(listener == Listener(baseURL: "u", inFlight: 1, note: nil, ratio: nil, tags: []))
    }

    @Test func absentArraysReadAsEmptyOnlyWhenAllowed() throws {
        let json: JSONValue = ["base_url": "u", "in_flight": 1]
        #expect(throws: JSONValueDecodingError(path: [.key("tags")], problem: .missing)) {
            try Self.snakeDecoder.decode(Listener.self, from: json)
        }
        let lenient = JSONValueDecoder(keys: .snakeCase, absentArraysAreEmpty: true)
        #expect(try lenient.decode(Listener.self, from: json).tags == [])
        #expect(try lenient.decode(Listener.self, from: ["base_url": "u", "in_flight": 1, "tags": nil]).tags == [])
        #expect(throws: JSONValueDecodingError(path: [.key("in_flight")], problem: .missing), "only arrays") {
            try lenient.decode(Listener.self, from: ["base_url": "u"])
        }
    }

    @Test func errorsNameThePathInJSONTermsAndWhatWasWrong() {
        let listeners: JSONValue = ["base_url": "u", "in_flight": 1, "tags": []]
        func failure(_ json: JSONValue) -> JSONValueDecodingError? {
            do throws(JSONValueDecodingError) {
                _ = try Self.snakeDecoder.decode(Report.self, from: json)
                return nil
            } catch {
                return error
            }
        }
        let mistyped = failure(["healthy": true, "listeners": [listeners, ["base_url": "u", "in_flight": "2", "tags": []]]])
        #expect(mistyped == JSONValueDecodingError(path: [.key("listeners"), .index(1), .key("in_flight")],
                                                   problem: .mistyped(expected: "an integer", found: "string")))
        #expect(mistyped?.description(root: "report") == "report.listeners[1].in_flight must be an integer, got string")

        let missing = failure(["healthy": true, "listeners": [], "primary": ["in_flight": 1, "tags": []]])
        #expect(missing?.description(root: "report") == #"report.primary has no "base_url""#)
        #expect(failure(["listeners": []])?.description(root: "report") == #"report has no "healthy""#)
        #expect(failure(["healthy": nil, "listeners": []])?.description(root: "report") == "report.healthy must be a boolean, got null")
        #expect(failure([1])?.description(root: "report") == "report must be an object, got array")
        #expect(failure(["healthy": true, "listeners": ["x": 1]])?.problem == .mistyped(expected: "an array", found: "object"))
    }

    @Test func numbersMustFitTheirType() throws {
        let decoder = JSONValueDecoder()
        #expect(try decoder.decode([Int].self, from: [.number("3.0"), .number("1e3")]) == [3, 1000])
        #expect(throws: JSONValueDecodingError(path: [.index(0)], problem: .mistyped(expected: "an integer", found: "number"))) {
            try decoder.decode([Int].self, from: [.number("2.5")])
        }
        #expect(throws: JSONValueDecodingError(path: [.index(1)], problem: .mistyped(expected: "an integer", found: "number"))) {
            try decoder.decode([Int8].self, from: [1, 300])
        }
        #expect(try decoder.decode(UInt64.self, from: .number("18446744073709551615")) == .max)
        #expect(try decoder.decode(Float.self, from: .number("0.1")) == 0.1)
        #expect(throws: JSONValueDecodingError(path: [], problem: .mistyped(expected: "a finite number", found: "number")),
                "infinity could not be written back") {
            try decoder.decode(Double.self, from: .number("1e400"))
        }
    }

    @Test func aTypesOwnRefusalKeepsItsPath() {
        do throws(JSONValueDecodingError) {
            _ = try JSONValueDecoder().decode([Moded].self, from: [["mode": "standard"], ["mode": "turbo"]])
            Issue.record("read an unknown mode")
        } catch {
            #expect(error.path == [.index(1), .key("mode")])
            guard case .invalid(let reason) = error.problem else {
                Issue.record("\(error)")
                return
            }
            #expect(reason.contains("turbo"))
        }
    }

    /// Synthesized enums with payloads: one key naming the case, its values under their labels.
    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case rect(width: Int, height: Int?)
        case point
    }

    struct Drawing: Codable, Equatable {
        var shapes: [Shape]
        var layers: [String: [Int]]
        var grid: [[Int]]
        var caption: String??
    }

    @Test func enumsWithPayloadsDictionariesAndNestedArraysRoundTrip() throws {
        let drawing = Drawing(shapes: [.circle(radius: 1.5), .rect(width: 2, height: nil), .rect(width: 3, height: 4), .point],
                              layers: ["back": [1, 2], "front": []], grid: [[1, 2], [], [3]], caption: .some(nil))
        for (encoder, decoder) in [(JSONValueEncoder(), JSONValueDecoder()), (JSONValueEncoder(nils: .null), JSONValueDecoder())] {
            let wire = try encoder.encode(drawing).serialized()
            var decoded = try decoder.decode(Drawing.self, from: JSONValue.parse(wire))
            // JSON has one null: an optional of an optional that holds nil reads back as nil.
            #expect(decoded.caption == nil)
            decoded.caption = .some(nil)
            #expect(decoded == drawing, "\(wire)")
        }
        let json = try JSONValueEncoder().encode(drawing)
        #expect(json["shapes"] == [["circle": ["radius": .double(1.5)]], ["rect": ["width": 2]], ["rect": ["width": 3, "height": 4]], ["point": [:]]])
        #expect(json["layers"]?.objectValue?.keys.sorted() == ["back", "front"])
    }

    /// Dictionary keys are coding keys too: `.snakeCase` writes them converted, and lists (so reads) only
    /// those already in snake_case, as JSONKeyNaming documents. Dictionaries belong under `.asDeclared`.
    @Test func snakeCaseAppliesToDictionaryKeysInOneDirection() throws {
        let counts = ["inFlight": 1, "served": 2]
        let written = try Self.snake.encode(counts)
        #expect(written.objectValue?.keys.sorted() == ["in_flight", "served"])
        #expect(try Self.snakeDecoder.decode([String: Int].self, from: written) == ["in_flight": 1, "served": 2])
        #expect(try Self.snakeDecoder.decode([String: Int].self, from: ["inFlight": 1, "served": 2]) == ["served": 2])
        #expect(try JSONValueDecoder().decode([String: Int].self, from: ["inFlight": 1, "served": 2]) == counts)
    }

    @Test(arguments: [
        ("Int8", JSONValue.number("128")), ("Int8", .number("-129")), ("UInt8", .number("-1")), ("UInt", .number("-1")),
        ("Int64", .number("9223372036854775808")), ("Int64", .number("1e19")), ("UInt64", .number("18446744073709551616")),
        ("Int", .number("0.5")), ("Int", .number("1e-3")),
    ])
    func integersOutOfRangeAreRefusedNotWrapped(type: String, value: JSONValue) {
        let decoder = JSONValueDecoder()
        let refusal = JSONValueDecodingError(path: [], problem: .mistyped(expected: "an integer", found: "number"))
        switch type {
        case "Int8": #expect(throws: refusal) { try decoder.decode(Int8.self, from: value) }
        case "UInt8": #expect(throws: refusal) { try decoder.decode(UInt8.self, from: value) }
        case "UInt": #expect(throws: refusal) { try decoder.decode(UInt.self, from: value) }
        case "Int64": #expect(throws: refusal) { try decoder.decode(Int64.self, from: value) }
        case "UInt64": #expect(throws: refusal) { try decoder.decode(UInt64.self, from: value) }
        default: #expect(throws: refusal) { try decoder.decode(Int.self, from: value) }
        }
    }

    @Test func integersAtTheEdgesOfTheirRangeRead() throws {
        let decoder = JSONValueDecoder()
        #expect(try decoder.decode(Int8.self, from: .number("-128")) == .min)
        #expect(try decoder.decode(Int64.self, from: .number("-9223372036854775808")) == .min)
        #expect(try decoder.decode(UInt8.self, from: .number("255")) == .max)
        #expect(try decoder.decode(Int.self, from: .number("-0")) == 0)
        #expect(throws: JSONValueDecodingError(path: [], problem: .mistyped(expected: "an integer", found: "string"))) {
            try decoder.decode(Int.self, from: "3")
        }
    }

    /// A pair written as a two-element array, and a struct that keeps its base under `super`: the
    /// containers the synthesized conformances above do not use.
    struct Pair: Codable, Equatable {
        var first: Int
        var second: String

        init(first: Int, second: String) {
            self.first = first
            self.second = second
        }

        init(from decoder: any Decoder) throws {
            var elements = try decoder.unkeyedContainer()
            first = try elements.decode(Int.self)
            second = try elements.decode(String.self)
        }

        func encode(to encoder: any Encoder) throws {
            var elements = encoder.unkeyedContainer()
            try elements.encode(first)
            try elements.encode(second)
        }
    }

    struct Extended: Codable, Equatable {
        enum Keys: CodingKey { case extra }
        var base: Pair
        var extra: Bool

        init(base: Pair, extra: Bool) {
            self.base = base
            self.extra = extra
        }

        init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: Keys.self)
            extra = try fields.decode(Bool.self, forKey: .extra)
            base = try Pair(from: fields.superDecoder())
        }

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.container(keyedBy: Keys.self)
            try fields.encode(extra, forKey: .extra)
            try base.encode(to: fields.superEncoder())
        }
    }

    @Test func unkeyedAndSuperContainersRoundTripAndShortArraysNameTheMissingElement() throws {
        let extended = Extended(base: Pair(first: 7, second: "seven"), extra: true)
        let json = try JSONValueEncoder().encode(extended)
        #expect(json.serialized() == #"{"extra":true,"super":[7,"seven"]}"#)
        #expect(try JSONValueDecoder().decode(Extended.self, from: json) == extended)
        #expect(throws: JSONValueDecodingError(path: [.key("super"), .index(1)], problem: .missing)) {
            try JSONValueDecoder().decode(Extended.self, from: ["extra": false, "super": [1]])
        }
        #expect(JSONValueDecodingError(path: [.key("super"), .index(1)], problem: .missing).description(root: "x")
                == "x.super has no element 1")
    }

    /// What a type's own `init(from:)` throws as a DecodingError keeps the path it was thrown at.
    struct Refuses: Decodable {
        enum Keys: CodingKey { case inner }
        init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: Keys.self)
            throw DecodingError.keyNotFound(Keys.inner, .init(codingPath: fields.codingPath, debugDescription: "no inner"))
        }
    }

    @Test func aDecodingErrorFromTheTypeBecomesATypedErrorWithItsPath() {
        #expect(throws: JSONValueDecodingError(path: [.index(0), .key("inner")], problem: .missing)) {
            try JSONValueDecoder().decode([Refuses].self, from: [[:]])
        }
    }

    @Test func aValueThatEncodesNothingIsAnEmptyObject() throws {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(try JSONValueEncoder().encode(Nothing()) == .object(JSONObject()))
    }
}
