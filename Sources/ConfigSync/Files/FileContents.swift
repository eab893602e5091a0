import Foundation

/// Reading whole configuration files: nil for "no such file", an error for anything else that
/// stops us (permissions, a directory in the way), so a missing file is never confused with an
/// unreadable one.
enum FileContents {
    static func read(_ path: String) throws(FileFailure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw FileFailure(path: path, reason: systemErrorText())
        }
        defer { closeDescriptor(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileFailure(path: path, reason: systemErrorText()) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw FileFailure(path: path, reason: "it is not a regular file") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { readDescriptor(descriptor, into: $0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileFailure(path: path, reason: systemErrorText())
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
