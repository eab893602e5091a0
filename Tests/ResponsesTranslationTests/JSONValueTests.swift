import Testing
@testable import ResponsesTranslation

@Suite struct JSONValueTests {
    @Test func roundTripsOrderAndNumbers() throws {
        let text = #"{"b":1,"a":[true,null,-0.5e3,"x\n\u00e9\ud83d\ude00"],"c":{"n":123456789012345678901}}"#
        let value = try JSONValue.parse(text)
        #expect(value.serialized() == #"{"b":1,"a":[true,null,-0.5e3,"x\né😀"],"c":{"n":123456789012345678901}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
    }
}
