import Foundation

/// Replaces a file so that a crash at any moment leaves either the old or the new contents: the
/// new bytes go to a temporary file in the same directory, are flushed, and are renamed over the
/// target; then the directory is flushed so the rename itself survives a power cut. A symbolic
/// link is followed (dotfile managers link config.toml), and the file keeps its permissions.
@_spi(CrashProbe)
public enum AtomicFileWrite {
    /// The moments a crash probe can stop at, in order.
    public enum Step: String, Sendable, CaseIterable {
        case temporaryCreated = "temporary-created"
        case partiallyWritten = "partially-written"
        case flushed
        case renamed
    }

    /// What the file must still hold just before the rename. cc-switch 4 writes Codex's files with
    /// compare-and-swap against the bytes it read; this is the same promise from our side.
    public enum Expectation: Sendable, Equatable {
        case anything
        /// These bytes, or no file at all for nil.
        case unchanged([UInt8]?)
    }

    /// `newFileMode` applies when the file does not exist yet. With `.unchanged`, a file that no
    /// longer holds the expected bytes is left as it is and `FileFailure.changedMeanwhile` is thrown.
    /// `afterStep` exists for the crash probe; production callers leave it out.
    public static func replace(
        _ path: String, with contents: [UInt8], newFileMode: mode_t = 0o600, expecting: Expectation = .anything,
        afterStep: (Step) -> Void = { _ in }
    ) throws(FileFailure) {
        let target = resolvingSymbolicLinks(path)
        let directory = parentDirectory(of: target)
        let name = String(target.split(separator: "/").last ?? Substring(target))
        var mode = newFileMode
        var info = stat()
        if stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }

        removeAbandonedTemporaryFiles(in: directory, for: name)
        let temporary = directory + "/." + name + ".ccmimolink-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileFailure(path: target, reason: "cannot create \(temporary): \(systemErrorText())") }
        var closed = false
        var renamed = false
        defer {
            if !closed { _ = close(descriptor) }
            if !renamed { _ = unlink(temporary) }
        }
        // open's mode passes through the umask; the copy must have exactly the original's.
        _ = fchmod(descriptor, mode)
        afterStep(.temporaryCreated)

        let half = contents.count / 2
        try writeAll(contents[..<half], to: descriptor, path: temporary)
        afterStep(.partiallyWritten)
        try writeAll(contents[half...], to: descriptor, path: temporary)
        guard fsync(descriptor) == 0 else { throw FileFailure(path: temporary, reason: "fsync: \(systemErrorText())") }
        closed = true
        guard close(descriptor) == 0 else { throw FileFailure(path: temporary, reason: "close: \(systemErrorText())") }
        afterStep(.flushed)

        // Checked as late as possible: the window left is the rename itself.
        if case .unchanged(let expected) = expecting, try FileContents.read(target) != expected {
            throw FileFailure(path: target, reason: "it changed while ccmimolink was writing it", changedMeanwhile: true)
        }
        guard rename(temporary, target) == 0 else { throw FileFailure(path: target, reason: "rename: \(systemErrorText())") }
        renamed = true
        afterStep(.renamed)
        flushDirectory(directory)
    }

    private static func writeAll(_ bytes: ArraySlice<UInt8>, to descriptor: Int32, path: String) throws(FileFailure) {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw FileFailure(path: path, reason: "write: \(systemErrorText())")
            }
            offset += written
        }
    }

    /// Best effort: a file system that cannot fsync a directory still has the renamed file.
    private static func flushDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    static func resolvingSymbolicLinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Temporary files left by a writer that was killed: ours by name, and only when the process
    /// that made them is gone.
    private static func removeAbandonedTemporaryFiles(in directory: String, for name: String) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        let prefix = "." + name + ".ccmimolink-"
        while let entry = readdir(stream) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix), entryName.hasSuffix(".tmp") else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let pidText = rest.split(separator: "-").first, let pid = pid_t(pidText) else { continue }
            if kill(pid, 0) == -1, errno == ESRCH { _ = unlink(directory + "/" + entryName) }
        }
    }
}
