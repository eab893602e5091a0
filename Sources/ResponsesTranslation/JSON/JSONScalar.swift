/// The Swift types that a JSON scalar holds, and how each is written and read, so the coder's containers
/// handle every scalar in one place instead of one method per type.
protocol JSONScalar: Codable {
    var jsonValue: JSONValue { get }
    /// Nil when `value` is not of this type (or, for integers, not a whole number this type can hold).
    init?(jsonValue value: JSONValue)
    /// What the error says was expected: "a string", "an integer", …
    static var jsonDescription: String { get }
}

extension Bool: JSONScalar {
    var jsonValue: JSONValue { .bool(self) }
    init?(jsonValue value: JSONValue) {
        guard case .bool(let bool) = value else { return nil }
        self = bool
    }
    static var jsonDescription: String { "a boolean" }
}

extension String: JSONScalar {
    var jsonValue: JSONValue { .string(self) }
    init?(jsonValue value: JSONValue) {
        guard case .string(let string) = value else { return nil }
        self = string
    }
    static var jsonDescription: String { "a string" }
}

/// Non-finite values are written as null, as `JSONValue.double` does: JSON has no NaN or infinity. So a
/// literal too large for a Double (`1e400`) is refused rather than read as infinity, which could not be
/// written back.
extension Double: JSONScalar {
    var jsonValue: JSONValue { .double(self) }
    init?(jsonValue value: JSONValue) {
        guard let number = value.doubleValue, number.isFinite else { return nil }
        self = number
    }
    static var jsonDescription: String { "a finite number" }
}

/// Written by its shortest decimal text (`0.1`, not the `0.10000000149011612` of its Double).
extension Float: JSONScalar {
    var jsonValue: JSONValue { .double(Double(description) ?? Double(self)) }
    init?(jsonValue value: JSONValue) {
        guard case .number(let literal) = value, let number = Float(literal), number.isFinite else { return nil }
        self = number
    }
    static var jsonDescription: String { "a finite number" }
}

/// Integers are read from their literal, or from an integral literal such as `3.0` or `1e3` that fits.
protocol JSONInteger: JSONScalar, FixedWidthInteger {}

extension JSONInteger {
    var jsonValue: JSONValue { .number(String(self)) }
    init?(jsonValue value: JSONValue) {
        guard case .number(let literal) = value else { return nil }
        if let exact = Self(literal) {
            self = exact
        } else if let number = Double(literal), let integral = Self(exactly: number) {
            self = integral
        } else {
            return nil
        }
    }
    static var jsonDescription: String { "an integer" }
}

extension Int: JSONInteger {}
extension Int8: JSONInteger {}
extension Int16: JSONInteger {}
extension Int32: JSONInteger {}
extension Int64: JSONInteger {}
extension UInt: JSONInteger {}
extension UInt8: JSONInteger {}
extension UInt16: JSONInteger {}
extension UInt32: JSONInteger {}
extension UInt64: JSONInteger {}
