import Synchronization

/// Runs `cleanup` when it is released without `started()` having been called: the bookkeeping of a
/// streaming body Hummingbird dropped unwritten.
final class UnstartedBodyCleanup: Sendable {
    private let didStart = Atomic<Bool>(false)
    private let cleanup: @Sendable () async -> Void

    init(_ cleanup: @escaping @Sendable () async -> Void) { self.cleanup = cleanup }

    func started() { didStart.store(true, ordering: .relaxed) }

    deinit {
        guard !didStart.load(ordering: .relaxed) else { return }
        Task { [cleanup] in await cleanup() }
    }
}
