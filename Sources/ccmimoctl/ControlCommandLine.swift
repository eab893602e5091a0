import ArgumentParser

/// `ccmimoctl`: a thin client that asks `ccmimolinkd` over its control socket and formats the answer.
@main
struct ControlCommandLine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccmimoctl",
        abstract: "Control ccmimolinkd, the Codex-to-Xiaomi-MiMo daemon.",
        discussion: """
            ccmimoctl talks to ccmimolinkd over its control socket: --socket, else \
            $CCMIMOLINK_CONTROL_SOCKET, else $XDG_RUNTIME_DIR/ccmimolink/control.sock. Only the user that \
            runs the daemon (and root) may use it. Add --json to any command for the daemon's raw answer.

            Exit status:
              0   success (health: every check passed)
              1   the daemon answered with an error, or health found a problem
              64  usage error (bad arguments, or a socket path that is too long)
              69  the daemon is not running; start its sockets with
                  systemctl --user enable --now ccmimolinkd.socket
                  (the control socket comes with it), or run ccmimolinkd
              74  input/output error on the control socket
              75  the daemon did not answer within --timeout
              76  protocol mismatch: ccmimoctl and ccmimolinkd differ in version
              77  permission denied on the control socket
            """,
        subcommands: [
            StatusCommand.self, HealthCommand.self, SyncCommand.self, ModelCommand.self, ModelsCommand.self, DrainCommand.self,
            StoreCommand.self, UsageCommand.self, ReloadCommand.self, LogsCommand.self,
        ])
}
