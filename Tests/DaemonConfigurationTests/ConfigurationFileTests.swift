#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import DaemonConfiguration
import TestSupport

@Suite struct ConfigurationFileTests {
    @Test func missingFileIsNil() throws {
        try withTemporaryDirectory { directory in
            let loaded = try ConfigurationFile.load(path: directory + "/config.toml")
            #expect(loaded == nil)
        }
    }

    @Test func existingFileIsReadWhole() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/config.toml"
            // Larger than one read, with non-ASCII text, to cover the read loop and UTF-8 decoding.
            let contents = "# café ☕\n" + String(repeating: "# padding line\n", count: 10_000) + "port = 9000\n"
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            let loaded = try ConfigurationFile.load(path: path)
            #expect(loaded == contents)
        }
    }

    @Test func directoryIsATypedError() throws {
        try withTemporaryDirectory { directory in
            #expect(throws: ConfigurationFileError.notARegularFile(path: directory)) {
                try ConfigurationFile.load(path: directory)
            }
            #expect(ConfigurationFileError.notARegularFile(path: directory).description
                == "\(directory): not a regular file; the config file must be a TOML file (or absent, to use defaults)")
        }
    }

    @Test func pathThroughAFileIsUnreadableNotMissing() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/plain"
            try "x".write(toFile: file, atomically: true, encoding: .utf8)
            #expect(throws: ConfigurationFileError.unreadable(path: file + "/config.toml", reason: String(cString: strerror(ENOTDIR)), code: ENOTDIR)) {
                try ConfigurationFile.load(path: file + "/config.toml")
            }
        }
    }

    @Test func invalidUTF8IsATypedError() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/config.toml"
            try Data([0x70, 0x6f, 0x72, 0x74, 0xff, 0xfe]).write(to: URL(fileURLWithPath: path))
            #expect(throws: ConfigurationFileError.notUTF8(path: path)) {
                try ConfigurationFile.load(path: path)
            }
        }
    }
}

/// Root reads any file whatever its mode, so as root only ConfigurationFileTests' directory and ENOTDIR
/// cases exercise the error path; scripts/test runs this suite again as nobody.
@Suite struct ConfigurationFileUnprivilegedTests {
    /// A file the daemon may not read is a typed error naming the file and errno.
    @Test(.unprivileged)
    func unreadableFileIsATypedError() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/config.toml"
            try "port = 1\n".write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0)
            #expect(throws: ConfigurationFileError.unreadable(path: path, reason: String(cString: strerror(EACCES)), code: EACCES)) {
                try ConfigurationFile.load(path: path)
            }
        }
    }
}
