import ArgumentParser
import ControlPlane

/// ccmimoctl's exit codes, from sysexits.h where one fits, so scripts can tell "daemon down" from
/// "daemon said no".
enum ExitStatus {
    static let daemonError = ExitCode(1)
    static let usage = ExitCode(64)          // EX_USAGE
    static let notRunning = ExitCode(69)     // EX_UNAVAILABLE
    static let ioError = ExitCode(74)        // EX_IOERR
    static let timedOut = ExitCode(75)       // EX_TEMPFAIL
    static let protocolMismatch = ExitCode(76) // EX_PROTOCOL
    static let permissionDenied = ExitCode(77) // EX_NOPERM

    static func forClientError(_ error: ControlClientError) -> ExitCode {
        switch error {
        case .notRunning: notRunning
        case .permissionDenied: permissionDenied
        case .timedOut: timedOut
        case .protocolMismatch, .unreadableResult: protocolMismatch
        case .io: ioError
        case .pathTooLong: usage
        }
    }
}
