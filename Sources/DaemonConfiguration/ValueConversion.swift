import ResponsesTranslation
/// Why a written value was refused. Kept apart from the message so the resolver can add where the
/// value came from and redact it when the setting is secret.
enum ConversionFailure: Error, Equatable {
    /// The value has the right type but is not acceptable. `problem` completes the sentence
    /// "value 'X' …", e.g. "is out of range 1…64".
    case invalid(problem: String)
    /// A config-file value of the wrong TOML type.
    case wrongType
}

/// How one kind of setting turns text (environment, flags) or a TOML value (file) into its typed
/// value. Environment and flags only carry text; the file carries real types, and a TOML string
/// where an integer belongs is an error rather than a silent conversion.
struct ValueConversion<Value>: Sendable {
    /// Completes "expected …", e.g. "an integer in 1…64".
    var expected: String
    var fromText: @Sendable (String) -> Result<Value, ConversionFailure>
    var fromFile: @Sendable (FileValue) -> Result<Value, ConversionFailure>
}

extension ValueConversion where Value == Int {
    /// `rangeText` describes the range when its bounds alone would mislead (a special 0).
    static func integer(in range: ClosedRange<Int>, rangeText: String? = nil) -> Self {
        let rangeText = rangeText ?? "\(range.lowerBound)…\(range.upperBound)"
        let check: @Sendable (Int) -> Result<Int, ConversionFailure> = { number in
            range.contains(number) ? .success(number) : .failure(.invalid(problem: "is out of range \(rangeText)"))
        }
        return Self(
            expected: "an integer in \(rangeText)",
            fromText: { text in
                guard let number = Int(text.trimmedWhitespace) else {
                    return .failure(.invalid(problem: "is not an integer (expected \(rangeText))"))
                }
                return check(number)
            },
            fromFile: { value in
                guard case .integer(let number) = value else { return .failure(.wrongType) }
                return check(number)
            })
    }
}

extension ValueConversion where Value == Double {
    /// A number, whole or not (`15`, `0.5`); TOML integers and floats both count.
    static func number(in range: ClosedRange<Double>, rangeText: String? = nil) -> Self {
        let rangeText = rangeText ?? "\(range.lowerBound)…\(range.upperBound)"
        let check: @Sendable (Double) -> Result<Double, ConversionFailure> = { number in
            number.isFinite && range.contains(number) ? .success(number) : .failure(.invalid(problem: "is out of range \(rangeText)"))
        }
        return Self(
            expected: "a number in \(rangeText)",
            fromText: { text in
                guard let number = Double(text.trimmedWhitespace) else {
                    return .failure(.invalid(problem: "is not a number (expected \(rangeText))"))
                }
                return check(number)
            },
            fromFile: { value in
                switch value {
                case .integer(let number): check(Double(number))
                case .float(let number): check(number)
                default: .failure(.wrongType)
                }
            })
    }
}

extension ValueConversion where Value == Bool {
    /// Text accepts the spellings people put in unit files and shells; TOML has real booleans.
    static var boolean: Self {
        Self(
            expected: "a boolean (true or false)",
            fromText: { text in
                switch text.trimmedWhitespace.lowercased() {
                case "true", "1", "yes", "on": .success(true)
                case "false", "0", "no", "off": .success(false)
                default: .failure(.invalid(problem: "is not a boolean; use true/false, 1/0, yes/no or on/off"))
                }
            },
            fromFile: { value in
                guard case .boolean(let flag) = value else { return .failure(.wrongType) }
                return .success(flag)
            })
    }
}

extension ValueConversion {
    /// A string setting; `parse` validates and normalises it the same way for every layer.
    static func text(expected: String, _ parse: @escaping @Sendable (String) -> Result<Value, ConversionFailure>) -> Self {
        Self(
            expected: expected,
            fromText: parse,
            fromFile: { value in
                guard case .string(let text) = value else { return .failure(.wrongType) }
                return parse(text)
            })
    }
}

extension ValueConversion where Value: CaseIterable & RawRepresentable<String> & Sendable {
    /// One of a fixed set of names, case-insensitive, with a suggestion for near misses.
    static func choice(of type: Value.Type) -> Self {
        let names = Value.allCases.map(\.rawValue)
        return text(expected: "one of \(names.joined(separator: ", "))") { text in
            let name = text.trimmedWhitespace.lowercased()
            if let value = Value(rawValue: name) { return .success(value) }
            let hint = SpellingSuggestion.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            return .failure(.invalid(problem: "is not one of \(names.joined(separator: ", "))\(hint)"))
        }
    }
}
