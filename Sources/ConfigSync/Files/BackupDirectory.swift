import StateFiles
import ResponsesTranslation
import Foundation

/// Copies of files taken just before ccmimolink changes them, in our own state directory (cc-switch
/// prunes its own `backups/`). Names sort in time order — `<label>.<UTC time>.<n>.bak` — and only
/// the newest `kept` per label stay. Mode 0600: the copies hold API keys.
struct BackupDirectory: Sendable {
    let path: String
    let kept: Int

    /// A fresh, unused path for a backup of `label` taken now; creates the directory.
    func reservePath(label: String, at date: Date = Date()) throws(FileFailure) -> String {
        try OwnerOnlyDirectory.create(path)
        let stamp = Self.timestamp(date)
        let existing = Set(backups(label: label))
        var sequence = 0
        while true {
            let candidate = path + "/" + label + "." + stamp + "." + String(format: "%03d", sequence) + ".bak"
            if !existing.contains(candidate), !FileContents.exists(candidate) { return candidate }
            sequence += 1
        }
    }

    /// Saves `contents` as the newest backup of `label` and prunes older ones; returns its path.
    func save(_ contents: [UInt8], label: String) throws(FileFailure) -> String {
        let backup = try reservePath(label: label)
        try AtomicFileWrite.replace(backup, with: contents, newFileMode: 0o600)
        prune(label: label)
        return backup
    }

    /// Backups of `label`, oldest first.
    func backups(label: String) -> [String] {
        let prefix = label + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".bak") && Self.isStamped($0.dropFirst(prefix.count)) }
            .sorted()
            .map { path + "/" + $0 }
    }

    /// Keeps the newest `kept` backups of `label`.
    func prune(label: String) {
        let all = backups(label: label)
        for old in all.dropLast(max(kept, 1)) { _ = unlink(old) }
    }

    /// `20260821T193000.123Z`: UTC, so names sort the same in every time zone.
    static func timestamp(_ date: Date) -> String { UTCTimestamp.compact(date) }

    /// Only names this type made, so a user's own `config.toml.old.bak` is never pruned.
    private static func isStamped(_ rest: Substring) -> Bool {
        // 20260821T193000.123Z.000.bak
        rest.count == 28 && rest.dropFirst(8).first == "T" && rest.dropFirst(19).first == "Z"
    }
}
