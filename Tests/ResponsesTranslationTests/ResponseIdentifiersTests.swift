import Testing
import ResponsesTranslation

@Suite struct ResponseIdentifiersTests {
    @Test func ourItemIDsGiveBackTheirResponseToken() {
        let ids = ResponseIdentifiers.random()
        for prefix in ["msg", "fc", "rs", "ctc"] {
            #expect(ResponseIdentifiers.token(inItemID: ids.itemID(prefix: prefix, index: 7)) == ids.token)
        }
        #expect(ResponseIdentifiers.token(inItemID: "fc_0123456789abcdefABCDEF01_12") == "0123456789abcdefABCDEF01")
    }

    @Test(arguments: [
        "", "fc", "fc_", "fc__1", "call_abc",
        "fc_0123456789abcdef01234567",             // no index
        "fc_0123456789abcdef01234567_",            // empty index
        "fc_0123456789abcdef01234567_x",           // index not a number
        "fc_0123456789abcdef01234567_1_2",         // a fourth part
        "fc_0123456789abcdef0123456_1",            // 23 hex digits
        "fc_0123456789abcdef012345678_1",          // 25 hex digits
        "fc_0123456789abcdef0123456g_1",           // not hex
        "fc_０123456789abcdef0123456_1",           // a fullwidth digit
        "_0123456789abcdef01234567_1_",
    ])
    func foreignIDsHaveNoToken(_ id: String) {
        #expect(ResponseIdentifiers.token(inItemID: id) == nil)
    }
}
