import StateFiles

/// Our state and backup directories: created 0700 because backups hold API keys (`OwnerOnly`).
enum OwnerOnlyDirectory {
    static func create(_ path: String) throws(FileFailure) {
        do {
            try OwnerOnly.createDirectory(path)
        } catch {
            throw FileFailure(path: error.path, reason: error.reason)
        }
    }
}
