import Foundation
import GRDB
import ResponsesTranslation
import StateFiles
import Testing
import TestSupport

@Suite struct OwnerOnlyTests {
    @Test func directoriesAndFilesAreCreatedForTheOwnerOnlyAndExistingOnesKept() throws {
        let directory = try TemporaryDirectory()
        let base = directory.path + "/state"
        try OwnerOnly.createDirectory(base + "/a/b")
        for path in [base, base + "/a", base + "/a/b"] {
            #expect(try mode(path) == 0o700, "\(path)")
        }
        try OwnerOnly.createFile(base + "/a/b/f")
        #expect(try mode(base + "/a/b/f") == 0o600)
        // An existing file and directory keep their modes (they may be systemd's or the user's).
        chmod(base + "/a/b/f", 0o640)
        chmod(base + "/a", 0o750)
        try OwnerOnly.createFile(base + "/a/b/f")
        try OwnerOnly.createDirectory(base + "/a/b")
        #expect(try mode(base + "/a/b/f") == 0o640 && mode(base + "/a") == 0o750)
        #expect(throws: FileSystemError(path: base + "/a/b/f", reason: "it exists but is not a directory")) {
            try OwnerOnly.createDirectory(base + "/a/b/f")
        }
        #expect(throws: FileSystemError.self) { try OwnerOnly.createDirectory(base + "/a/b/f/g") }
    }

    func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int ?? -1) & 0o777
    }
}

@Suite struct SQLiteFailureTests {
    /// The one classification every store phrases from: a file that is not a database is damaged, a
    /// lock held by another connection is busy, and only SQLite's own message is kept.
    @Test func sqliteErrorsAreClassifiedAndKeepOnlySQLitesMessage() throws {
        let directory = try TemporaryDirectory()
        let base = directory.path
        try Data("not a database at all, just text that is long enough".utf8).write(to: URL(fileURLWithPath: base + "/x.db"))
        do {
            let queue = try DatabaseQueue(path: base + "/x.db")
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = ?", arguments: ["sk-secret-argument"]) }
            Issue.record("a text file opened as a database")
        } catch {
            let failure = try #require(SQLiteFailure(error))
            #expect(failure.kind == .damaged)
            #expect(failure.reason.hasPrefix("SQLite error 26"))
            #expect(!failure.reason.contains("sk-secret-argument"))
        }

        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let holder = try DatabaseQueue(path: base + "/locked.db")
        try holder.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let other = try DatabaseQueue(path: base + "/locked.db", configuration: configuration)
        try holder.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect(throws: (any Error).self) { try other.write { try $0.execute(sql: "INSERT INTO t VALUES (1)") } }
            do {
                try other.write { try $0.execute(sql: "INSERT INTO t VALUES (1)") }
            } catch {
                #expect(SQLiteFailure(error)?.kind == .busy)
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(SQLiteFailure(CancellationError()) == nil)
    }

    enum StoreError: Error, Equatable {
        case damaged(String)
        case unclassified(String)
    }

    /// A store's own error passes through; SQLite's are phrased from their kind; anything else is
    /// phrased with no kind and its own description.
    @Test func phraseHandsTheKindAndTheTextToTheStoresOwnWording() {
        func phrase(_ error: any Error) -> StoreError {
            SQLiteFailure.phrase(error, as: StoreError.self) { kind, reason in
                kind == .damaged ? .damaged(reason) : .unclassified(reason)
            }
        }
        #expect(phrase(StoreError.damaged("mine")) == .damaged("mine"))
        #expect(phrase(DatabaseError(resultCode: .SQLITE_NOTADB, message: "file is not a database"))
                == .damaged("SQLite error 26: file is not a database"))
        #expect(phrase(CancellationError()) == .unclassified(String(describing: CancellationError())))
    }
}

@Suite struct UTCTimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z", "19700101T000000.000Z"),
        (Int64(1_796_681_090_123), "2026-12-07T22:04:50.123Z", "20261207T220450.123Z"),
        (Int64(-1), "1969-12-31T23:59:59.999Z", "19691231T235959.999Z"),
        (Int64(951_782_400_000), "2000-02-29T00:00:00.000Z", "20000229T000000.000Z"),
        (Int64(4_102_444_799_999), "2099-12-31T23:59:59.999Z", "20991231T235959.999Z"),
    ])
    func millisecondsSpellTheSameEverywhere(milliseconds: Int64, iso: String, compact: String) {
        #expect(UTCTimestamp.iso8601(millisecondsSinceEpoch: milliseconds) == iso)
        #expect(UTCTimestamp.compact(millisecondsSinceEpoch: milliseconds) == compact)
        #expect(UTCTimestamp.iso8601(Date(timeIntervalSince1970: Double(milliseconds) / 1000)) == iso)
    }
}
