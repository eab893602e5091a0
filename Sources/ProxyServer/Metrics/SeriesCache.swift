import NIOConcurrencyHelpers

/// The series of one family by label value, made on first use. The registry would find them too, but
/// only after validating the name, labels and help text and hashing the labels on every call; a request
/// finds its series here with one lookup, then updates them with atomics.
final class SeriesCache<Key: Hashable & Sendable, Series: Sendable>: Sendable {
    private let series = NIOLockedValueBox<[Key: Series]>([:])
    private let make: @Sendable (Key) -> Series

    init(make: @escaping @Sendable (Key) -> Series) { self.make = make }

    subscript(_ key: Key) -> Series {
        series.withLockedValue { series in
            if let known = series[key] { return known }
            let made = make(key)
            series[key] = made
            return made
        }
    }
}
