/// Seams between planning and writing, where tests play cc-switch saving at the worst moment, so
/// the race with a concurrent writer is tested deterministically rather than by timing. Production
/// code never sets them. `attempt` counts from 1; a re-plan after a conflict is attempt 2.
struct SyncTestHooks: Sendable {
    /// Before the cc-switch.db transaction (which re-reads the rows it changes).
    var beforeDatabaseWrite: @Sendable (_ attempt: Int) -> Void = { _ in }
    /// Before a Codex file is checked and replaced; `path` is the file's.
    var beforeFileWrite: @Sendable (_ path: String, _ attempt: Int) -> Void = { _, _ in }
}
