import ProxyServer
import Synchronization
import Testing

@Suite struct ModelSelectionTests {
    /// The daemon persists pins through `onPinChange`; a reset must reach it too, or a restart would
    /// bring the old pin back.
    @Test func pinAndUnpinReachThePersistenceHookAndConfigureKeepsAPin() async {
        let seen = Mutex<[String?]>([])
        let selection = ModelSelection(active: "v2.5") { model in seen.withLock { $0.append(model) } }
        #expect(await selection.active == "mimo-v2.5")
        #expect(await selection.pin("V2.5-Pro") == "mimo-v2.5-pro")
        #expect(await selection.active == "mimo-v2.5-pro")
        await selection.configure("mimo-v2.6-flash")
        #expect(await selection.active == "mimo-v2.5-pro", "a reload must not undo a pin")
        await selection.unpin()
        #expect(await selection.active == "mimo-v2.6-flash")
        #expect(seen.withLock { $0 } == ["mimo-v2.5-pro", nil])
    }

    @Test func aPinReadBackAtStartIsActive() async {
        let selection = ModelSelection(active: "mimo-v2.5", pinned: "mimo-v2.6-pro")
        #expect(await selection.active == "mimo-v2.6-pro")
        #expect(await selection.pinned == "mimo-v2.6-pro")
        #expect(await selection.configured == "mimo-v2.5")
    }
}
