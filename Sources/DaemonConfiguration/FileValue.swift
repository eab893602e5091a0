/// A value read from config.toml, reduced to what settings can hold. Keeps TOMLKit's reference
/// types out of the resolver and lets messages name the type the user actually wrote.
enum FileValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case float(Double)
    /// A TOML table (`[prices]`, or an inline `{ … }`); only `prices` is one.
    case table([String: FileValue])
    /// Dates, arrays: never valid for a setting; `typeName` is for messages.
    case other(typeName: String)

    /// The value as written, without quotes, for "value '…' is out of range".
    var writtenText: String {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        case .boolean(let flag): String(flag)
        case .float(let number): String(number)
        case .table(let members): "{ " + members.keys.sorted().map { "\($0) = \(members[$0]!.writtenText)" }.joined(separator: ", ") + " }"
        case .other(let typeName): typeName
        }
    }

    /// What the user wrote, for "expected X, found Y": `a string "10"`, `an integer 10`, `an array`.
    var foundDescription: String {
        switch self {
        case .string(let text): "a string \"\(text)\""
        case .integer(let number): "an integer \(number)"
        case .boolean(let flag): "a boolean \(flag)"
        case .float(let number): "a floating-point number \(number)"
        case .table: "a table"
        case .other(let typeName): "\("aeiou".contains(typeName.first ?? "x") ? "an" : "a") \(typeName)"
        }
    }
}
