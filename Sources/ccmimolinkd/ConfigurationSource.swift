import DaemonConfiguration

/// Where the daemon's settings come from, kept so SIGHUP and `ccmimoctl reload` can resolve them
/// again: the flags and environment of this process (fixed for its life) and the file (re-read).
struct ConfigurationSource: Sendable {
    let flags: [String: String]
    let environment: [String: String]
    let path: String

    /// The settings as they are now, or the messages that say why they cannot be used.
    func resolve() -> (settings: DaemonSettings?, messages: [String]) {
        let contents: String?
        do {
            contents = try ConfigurationFile.load(path: path)
        } catch {
            return (nil, ["\(error)"])
        }
        let (settings, issues) = ConfigurationResolver.resolve(flags: flags, environment: environment,
                                                              file: contents.map { (path: path, contents: $0) })
        return (settings, issues.map { "\($0)" })
    }
}
