import MimoUpstream

/// Keeps the lineup's copy of the upstream's `GET /models` fresh, in the background: serving never
/// waits for it. The daemon implements it (it owns the state directory and the client); requests only
/// give it occasions and keys to ask with.
public protocol ServedModelsRefreshing: Sendable {
    /// A request with `key` is about to go upstream. Called on every request, so it must return at
    /// once; a refresher whose list is missing or old may read it now with that key.
    func requestSeen(key: MimoAPIKey)
    /// MiMo answered "not supported model" for `model`: its list has changed, read it again.
    func modelNotServed(_ model: String, key: MimoAPIKey)
    /// `model` refused an image and the lineup now treats it as text-only: keep that across a restart.
    func modelRefusedImages(_ model: String)
}
