import Glibc

/// A private directory under /tmp, short enough for AF_UNIX socket paths (108 bytes).
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/ccmimolink-systemd-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TestFailure("mkdtemp failed, errno \(errno)")
        }
        path = String(cString: created)
    }

    /// Removes the files the tests create (no subdirectories) and the directory.
    func remove(files: [String]) {
        for file in files { unlink(path + "/" + file) }
        rmdir(path)
    }
}
