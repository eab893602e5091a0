import Foundation
import Testing
@testable import ResponseStore
import TestSupport

@Suite("The SQLite file: location, permissions, WAL, damage")
struct ResponseStoreFileTests {
    @Test("missing directories are created 0700, the database and its WAL files 0600")
    func createsPrivateDirectoryAndFile() async throws {
        try await withTemporaryDirectory { base in
            let directory = base + "/state/ccmimolink"
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            try await store.save(SampleResponses.response(id: "resp_1", createdAt: 1))

            #expect(store.path == directory + "/responses.sqlite")
            #expect(try permissions(base + "/state") == 0o700)
            #expect(try permissions(directory) == 0o700)
            #expect(try permissions(store.path) == 0o600)
            #expect(try permissions(store.path + "-wal") == 0o600)
            #expect(try permissions(store.path + "-shm") == 0o600)
        }
    }

    @Test("an existing directory keeps its mode")
    func leavesExistingDirectoryModeAlone() async throws {
        try withTemporaryDirectory { base in
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: base)
            _ = try ResponseStore(directory: base, limits: ResponseStoreLimits())
            #expect(try permissions(base) == 0o755)
        }
    }

    @Test("the journal mode is WAL, and stays so after reopening")
    func usesWriteAheadLog() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            #expect(try await store.journalMode() == "wal")
            try await store.close()
            let reopened = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            #expect(try await reopened.journalMode() == "wal")
        }
    }

    @Test("a file that is not SQLite gives a clear error and is left exactly as it was")
    func garbageFileIsReportedNotReplaced() async throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/responses.sqlite"
            let garbage = Data(String(repeating: "these are my notes, not a database\n", count: 200).utf8)
            try garbage.write(to: URL(fileURLWithPath: path))

            let error = #expect(throws: ResponseStoreError.self) {
                try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            }
            guard case .databaseUnreadable(let reportedPath, _) = error else {
                Issue.record("expected .databaseUnreadable, got \(String(describing: error))")
                return
            }
            #expect(reportedPath == path)
            let message = error?.description ?? ""
            #expect(message.contains(path) && message.contains("Move it aside") && message.contains("ccmimoctl drain"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["responses.sqlite"])
        }
    }

    @Test("a plain file where the directory should be is reported with its path")
    func fileInPlaceOfDirectory() async throws {
        try withTemporaryDirectory { base in
            let blocker = base + "/state"
            try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
            let error = #expect(throws: ResponseStoreError.self) {
                try ResponseStore(directory: blocker + "/ccmimolink", limits: ResponseStoreLimits())
            }
            guard case .cannotCreateDirectory(let path, let reason) = error else {
                Issue.record("expected .cannotCreateDirectory, got \(String(describing: error))")
                return
            }
            #expect(path == blocker + "/ccmimolink")
            #expect(reason.contains("Not a directory"))
        }
    }

    @Test("a file written by a newer schema is refused, not written into")
    func newerSchemaIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            try await store.pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')")
            }
            try await store.close()

            #expect(throws: ResponseStoreError.schemaFromNewerVersion(
                path: store.path, unknownMigrations: ["v9: from the future"])) {
                try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            }
        }
    }
}
