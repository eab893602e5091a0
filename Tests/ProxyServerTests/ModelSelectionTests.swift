import ProxyServer
import ResponsesTranslation
import Synchronization
import Testing

@Suite struct ModelSelectionTests {
    /// The daemon persists pins through `onPinChange`; a reset must reach it too, or a restart would
    /// bring the old pin back.
    @Test func pinAndUnpinReachThePersistenceHookAndConfigureKeepsAPin() async {
        let seen = Mutex<[String?]>([])
        let selection = ModelSelection(configured: "v2.6-flash") { model in seen.withLock { $0.append(model) } }
        #expect(selection.current.active.id == "mimo-v2.6-flash")
        #expect(await selection.pin("V2.6-Pro")?.id == "mimo-v2.6-pro")
        #expect(selection.current.active.id == "mimo-v2.6-pro")
        await selection.configure(text: "mimo-v2.6-pro-ultraspeed", vision: "flash")
        #expect(selection.current.active.id == "mimo-v2.6-pro", "a reload must not undo a pin")
        await selection.unpin()
        #expect(selection.current.active.id == "mimo-v2.6-pro-ultraspeed")
        #expect(seen.withLock { $0 } == ["v2.6-pro", nil])
    }

    @Test func aPinReadBackAtStartIsActive() async {
        let selection = ModelSelection(configured: "mimo-v2.6-flash", pinned: "mimo-v2.6-pro")
        #expect(selection.current.active.id == "mimo-v2.6-pro")
        #expect(selection.current.pinned?.id == "mimo-v2.6-pro")
        #expect(selection.current.configured.id == "mimo-v2.6-flash")
    }

    /// A pin written by an older version names a retired id: it resolves to the successor and says so,
    /// and the file keeps the name as written, so the pin follows whatever the upstream serves.
    @Test func aRetiredPinFromAnOlderVersionGoesToItsSuccessor() async {
        let selection = ModelSelection(pinned: "mimo-v2.5-pro")
        #expect(selection.current.active.id == "mimo-v2.6-pro")
        #expect(selection.current.active.description == "mimo-v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro")
        let seen = Mutex<[String?]>([])
        let pinning = ModelSelection { model in seen.withLock { $0.append(model) } }
        #expect(await pinning.pin("v2.5-pro")?.description == "v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro")
        #expect(seen.withLock { $0 } == ["v2.5-pro"], "kept as typed, resolved at use")
    }

    /// Where the upstream still lists an old id, the same pin is passed through unchanged; when the
    /// next list drops it, the successor takes over without anyone touching the pin.
    @Test func resolutionFollowsTheServedList() {
        let selection = ModelSelection(configured: "mimo-v2.5")
        #expect(selection.current.active.id == "mimo-v2.6-flash")
        selection.replaceServed(["mimo-v2.5", "mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.5-tts"], at: "2026-12-07T00:00:00.000Z")
        #expect(selection.current.active.id == "mimo-v2.5")
        #expect(selection.current.lineup.chatModels == ["mimo-v2.5", "mimo-v2.6-pro", "mimo-v2.6-flash"], "speech models are not chat models")
        selection.replaceServed(["mimo-v2.6-pro", "mimo-v2.6-flash"], at: "2026-12-08T00:00:00.000Z", forgetLessons: false)
        #expect(selection.current.active.id == "mimo-v2.6-flash")
        #expect(selection.current.servedAt == "2026-12-08T00:00:00.000Z")
    }

    /// A model that refused an image is text-only until the next list, and the catalog body changes
    /// with the lineup (new ETag), so Codex fetches it again.
    @Test func learningAndTheCatalogFollowTheLineup() {
        let selection = ModelSelection()
        let before = selection.catalog
        #expect(selection.current.lineup.acceptsImages("mimo-v2.6-pro"))
        #expect(selection.learn(.refusesImages("mimo-v2.6-pro")))
        #expect(!selection.learn(.refusesImages("mimo-v2.6-pro")), "learning the same thing twice changes nothing")
        #expect(!selection.current.lineup.acceptsImages("mimo-v2.6-pro"))
        selection.replaceServed(["mimo-v2.6-pro", "mimo-v3-pro"], at: nil)
        #expect(selection.current.lineup.acceptsImages("mimo-v2.6-pro"), "a fresh list starts over")
        // An automatic read that finds the same list keeps what was learned; one the user asked for
        // (`ccmimoctl models --refresh`, a reload) starts over, but never undoes what was learned while
        // it was on its way.
        selection.learn(.refusesImages("mimo-v2.6-pro"))
        selection.replaceServed(["mimo-v2.6-pro", "mimo-v3-pro"], at: nil, forgetLessons: false)
        #expect(!selection.current.lineup.acceptsImages("mimo-v2.6-pro"))
        selection.replaceServed(["mimo-v2.6-pro", "mimo-v3-pro", "mimo-v3-flash"], at: nil, forgetLessons: false)
        #expect(selection.current.lineup.acceptsImages("mimo-v2.6-pro"), "a changed list starts over")
        let mark = selection.lessonMark()
        selection.learn(.refusesImages("mimo-v3-pro"))
        selection.replaceServed(["mimo-v2.6-pro", "mimo-v3-pro"], at: nil, since: mark)
        #expect(!selection.current.lineup.acceptsImages("mimo-v3-pro"))
        selection.replaceServed(["mimo-v2.6-pro", "mimo-v3-pro"], at: nil, since: selection.lessonMark())
        #expect(selection.current.lineup.acceptsImages("mimo-v3-pro"), "the next read starts over")
        #expect(selection.catalog.etag != before.etag)
        // Newest line first, whatever order MiMo lists them in (MimoModelName.catalogOrder).
        #expect(selection.catalog.entries.map(\.slug).prefix(2) == ["mimo-v3-pro", "mimo-v2.6-pro"])
    }
}
