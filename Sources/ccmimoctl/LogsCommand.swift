import ArgumentParser
import Glibc

struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Show the daemon's journal (runs journalctl).",
        discussion: """
            Runs `journalctl --user -u ccmimolinkd.service` with the filters given. --response shows every \
            line about one response (journal field RESPONSE_ID). Use --print-command to see or adapt the \
            journalctl command line. Exits with journalctl's status.
            """)

    @Option(name: .customLong("response"), help: ArgumentHelp("Only lines about this response id.", valueName: "id"))
    var responseID: String?

    @Flag(name: .shortAndLong, help: "Keep printing new lines as they arrive.")
    var follow = false

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Show the last N lines.", valueName: "n"))
    var lines: Int?

    @Option(help: ArgumentHelp("Only lines since TIME (journalctl syntax: \"1 hour ago\", \"today\", \"2025-06-01 12:00\").", valueName: "time"))
    var since: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Only lines at this level or more severe (err, warning, info, debug).", valueName: "level"))
    var priority: String?

    @Flag(help: "Print journal entries as JSON lines (journalctl -o json).")
    var json = false

    @Flag(name: .customLong("print-command"), help: "Print the journalctl command instead of running it.")
    var printCommand = false

    func validate() throws {
        if let lines, lines < 0 { throw ValidationError("--lines must be zero or more") }
        if let responseID, responseID.isEmpty || responseID.contains(where: \.isWhitespace) {
            throw ValidationError("--response needs a response id such as resp_0123abcd")
        }
    }

    var journalctlArguments: [String] {
        var arguments = ["journalctl", "--user", "-u", "ccmimolinkd.service"]
        if let responseID { arguments.append("RESPONSE_ID=\(responseID)") }
        if follow { arguments.append("--follow") }
        if let lines { arguments += ["--lines", String(lines)] }
        if let since { arguments += ["--since", since] }
        if let priority { arguments += ["--priority", priority] }
        if json { arguments += ["--output", "json"] }
        return arguments
    }

    func run() throws {
        let arguments = journalctlArguments
        if printCommand {
            print(arguments.map(Self.shellQuoted).joined(separator: " "))
            return
        }
        // exec rather than spawn: journalctl owns the terminal (pager, Ctrl-C) and its status is ours.
        let argv = arguments.map { strdup($0) } + [nil]
        execvp("journalctl", argv)
        let code = errno
        StandardError.write("ccmimoctl: cannot run journalctl: \(String(cString: strerror(code)))")
        StandardError.write("hint: the daemon logs to the systemd journal; without systemd it logs to its standard error")
        throw ExitCode(code == ENOENT ? 127 : 126)
    }

    /// Quotes an argument for a POSIX shell only when it needs it, so the printed command can be pasted.
    static func shellQuoted(_ argument: String) -> String {
        let safe = argument.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:@,+%".contains($0)) }
        if safe, !argument.isEmpty { return argument }
        return "'" + argument.replacing("'", with: #"'\''"#) + "'"
    }
}
