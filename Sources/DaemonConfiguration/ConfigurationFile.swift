#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding and reading config.toml. The only file I/O in this module; resolution stays pure.
public enum ConfigurationFile {
    /// `$XDG_CONFIG_HOME/ccmimolink/config.toml`, else `$HOME/.config/ccmimolink/config.toml`.
    /// With neither set (or set to a relative path, which XDG says to ignore), `/` stands in for
    /// HOME: the file is then simply absent and defaults apply.
    public static func defaultPath(environment: [String: String]) -> String {
        let directories = UserDirectories(environment: environment)
        let configHome = directories.configHome ?? "/".appendingPathComponents(".config")
        return configHome.appendingPathComponents("ccmimolink/config.toml")
    }

    /// The file's contents; nil when nothing exists at `path`.
    public static func load(path: String) throws(ConfigurationFileError) -> String? {
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer; reads of a regular file
        // are unaffected.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw .unreadable(path: path, reason: systemMessage(code), code: code)
        }
        defer { close(descriptor) }

        // Checked on the open descriptor, so nothing can be swapped in between; a device such as
        // /dev/zero would never end.
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            throw .unreadable(path: path, reason: systemMessage(code), code: code)
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notARegularFile(path: path) }

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .unreadable(path: path, reason: systemMessage(code), code: code)
            }
            bytes += buffer[0..<count]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8(path: path) }
        return text
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "errno \(code)" }
        return String(cString: message)
    }
}
