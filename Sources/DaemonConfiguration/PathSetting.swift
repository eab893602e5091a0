/// Validation of settings that name a file or directory.
enum PathSetting {
    /// Longest Unix socket path Linux accepts (`sun_path` is 108 bytes with its terminating NUL).
    static let maxSocketPathBytes = 107

    /// An absolute path, or one starting with `~/`. Relative paths are refused: under systemd the
    /// working directory is `/`, so they would not mean what the user expects.
    static func conversion(_ directories: UserDirectories) -> ValueConversion<String> {
        .text(expected: "an absolute path") { text in
            if text.isEmpty { return .failure(.invalid(problem: "is empty; write an absolute path")) }
            guard let path = directories.expandingTilde(text) else {
                return .failure(.invalid(problem: "starts with ~ but HOME is not set; write an absolute path"))
            }
            guard path.hasPrefix("/") else {
                return .failure(.invalid(problem: "is not an absolute path; write it from / or from ~/"))
            }
            return .success(path)
        }
    }

    static func socketConversion(_ directories: UserDirectories) -> ValueConversion<String> {
        let path = conversion(directories)
        return .text(expected: path.expected) { text in
            path.fromText(text).flatMap(checkSocketLength)
        }
    }

    static func checkSocketLength(_ path: String) -> Result<String, ConversionFailure> {
        guard path.utf8.count <= maxSocketPathBytes else {
            return .failure(.invalid(problem:
                "is \(path.utf8.count) bytes long; Unix socket paths are limited to \(maxSocketPathBytes)"))
        }
        return .success(path)
    }
}
