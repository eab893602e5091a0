import ProxyServer
import ResponsesTranslation
import Testing

/// What `GET /v1/models` serves reaches the prompt: Codex copies the catalog's models into the
/// description of its `spawn_agent` tool, which every request carries.
@Suite struct ModelCatalogTests {
    /// The daemon answers Codex before its first read of MiMo's list, then from that list: the same
    /// models in MiMo's order must give the same catalog, or the tool list of a running session changes
    /// and MiMo's prompt cache starts over.
    @Test func theOrderMiMoListsModelsInDoesNotChangeTheCatalog() {
        let beforeTheRead = ModelCatalog(lineup: ModelLineup())
        let afterTheRead = ModelCatalog(lineup: ModelLineup(served: ["mimo-v2.6-flash", "mimo-v2.5-tts", "mimo-v2.6-pro-ultraspeed",
                                                                     "mimo-v2.6-pro"]))
        #expect(afterTheRead.entries.map(\.slug) == beforeTheRead.entries.map(\.slug))
        let sameBody = afterTheRead.body == beforeTheRead.body
        #expect(sameBody && afterTheRead.etag == beforeTheRead.etag)
    }
}
