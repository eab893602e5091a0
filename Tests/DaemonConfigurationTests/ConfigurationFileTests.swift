#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import DaemonConfiguration

@Suite struct ConfigurationFileTests {
    /// A fresh directory per test, removed afterwards.
    private static func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ccmimolink-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    @Test func missingFileIsNil() throws {
        try Self.withTemporaryDirectory { directory in
            let loaded = try ConfigurationFile.load(path: directory + "/config.toml")
            #expect(loaded == nil)
        }
    }

    @Test func existingFileIsReadWhole() throws {
        try Self.withTemporaryDirectory { directory in
            let path = directory + "/config.toml"
            // Larger than one read, with non-ASCII text, to cover the read loop and UTF-8 decoding.
            let contents = "# café ☕\n" + String(repeating: "# padding line\n", count: 10_000) + "port = 9000\n"
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            let loaded = try ConfigurationFile.load(path: path)
            #expect(loaded == contents)
        }
    }

    @Test func directoryIsATypedError() throws {
        try Self.withTemporaryDirectory { directory in
            #expect(throws: ConfigurationFileError.notARegularFile(path: directory)) {
                try ConfigurationFile.load(path: directory)
            }
            #expect(ConfigurationFileError.notARegularFile(path: directory).description
                == "\(directory): not a regular file; the config file must be a TOML file (or absent, to use defaults)")
        }
    }

    @Test func pathThroughAFileIsUnreadableNotMissing() throws {
        try Self.withTemporaryDirectory { directory in
            let file = directory + "/plain"
            try "x".write(toFile: file, atomically: true, encoding: .utf8)
            #expect(throws: ConfigurationFileError.unreadable(path: file + "/config.toml", reason: String(cString: strerror(ENOTDIR)), code: ENOTDIR)) {
                try ConfigurationFile.load(path: file + "/config.toml")
            }
        }
    }

    // root reads any file whatever its mode, so there only the directory and ENOTDIR cases above
    // exercise the error path; this one covers permissions for everyone else.
    @Test(.enabled(if: geteuid() != 0, "root can read a file with mode 000"))
    func unreadableFileIsATypedError() throws {
        try Self.withTemporaryDirectory { directory in
            let path = directory + "/config.toml"
            try "port = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0)
            #expect(throws: ConfigurationFileError.unreadable(path: path, reason: String(cString: strerror(EACCES)), code: EACCES)) {
                try ConfigurationFile.load(path: path)
            }
        }
    }

    @Test func invalidUTF8IsATypedError() throws {
        try Self.withTemporaryDirectory { directory in
            let path = directory + "/config.toml"
            try Data([0x70, 0x6f, 0x72, 0x74, 0xff, 0xfe]).write(to: URL(fileURLWithPath: path))
            #expect(throws: ConfigurationFileError.notUTF8(path: path)) {
                try ConfigurationFile.load(path: path)
            }
        }
    }
}
