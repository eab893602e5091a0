/// The coding keys the coders add to a coding path themselves: an array element's index, and the key
/// `super` under which `superEncoder()` and `superDecoder()` nest a superclass.
struct JSONPathKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    static func index(_ index: Int) -> JSONPathKey { JSONPathKey(intValue: index) }
    static let superclass = JSONPathKey(stringValue: "super")
}
