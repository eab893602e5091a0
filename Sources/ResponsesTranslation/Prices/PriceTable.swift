/// The prices cost estimates use: Xiaomi's published ones, with the user's entries (config.toml
/// `[prices]`) replacing or adding whole entries.
///
/// A model is priced only by an entry for exactly its id (any spelling: `v2.6-pro`, `MiMo-V2.6-Pro`).
/// There is no family or prefix match on purpose: `mimo-v2.6-pro-ultraspeed` starts with
/// `mimo-v2.6-pro` but costs more, and a new version is priced anew, so a borrowed price would be a
/// wrong number. An unpriced model is shown as such, with the setting that prices it.
public struct PriceTable: Sendable, Equatable {
    /// In the order they are listed: configured entries first, then the published ones they leave.
    public private(set) var entries: [TokenPrice]

    public init(configured: [TokenPrice] = []) {
        var entries: [TokenPrice] = []
        for price in configured + TokenPrice.published {
            let id = MimoModelName.canonical(price.model)
            guard !entries.contains(where: { $0.model == id }) else { continue }
            var entry = price
            entry.model = id
            entries.append(entry)
        }
        self.entries = entries
    }

    /// The price of `model`, or nil when nothing prices exactly that id.
    public func price(for model: String) -> TokenPrice? {
        let id = MimoModelName.canonical(model)
        return entries.first { $0.model == id }
    }
}
