import ControlPlane
import ControlServer
import Foundation
import ResponsesTranslation
import Testing
import TestSupport

/// The built ccmimoctl against a ControlSocketServer with canned answers.
@Suite(.timeLimit(.minutes(2))) struct CcmimoctlTests {
    static let status = DaemonStatus(
        version: "0.3.0", pid: 4242, uptimeSeconds: 7384, httpListeners: ["http://127.0.0.1:9876/v1"],
        controlSocket: "/run/user/1000/ccmimolink/control.sock", socketActivated: true,
        upstream: .init(baseURL: "https://api.xiaomimimo.com/v1", mode: "standard", source: "cc-switch"),
        model: .init(active: "mimo-v2.5", source: "default"), inFlight: 1, served: 12,
        store: .init(path: "/home/u/.local/state/ccmimolink/responses.sqlite", responses: 3, bytes: 1536,
                     maxResponses: 1000, maxBytes: 1 << 30),
        lastSync: .init(at: "2025-06-01T12:00:00Z", ok: true, summary: "already in sync"))

    static let handler: FakeHandler = {
        var answers = FakeHandler.Answers()
        answers.status = { _ in .success(status) }
        answers.health = { call in
            .success(HealthReport(checks: [.init(name: "listeners", ok: true, detail: "1 HTTP listener"),
                                           .init(name: "upstream", ok: !call.probe, detail: call.probe ? "401 from MiMo" : "key present")]))
        }
        answers.drain = { _ in
            .failure(ControlFailure(code: .unavailable, message: "the response store is in memory only", hint: "set --state-directory"))
        }
        answers.model = { call in
            switch call.action {
            case .select(let name): .success(ModelState(active: name, previous: "mimo-v2.5", source: "ccmimoctl", persisted: true))
            default: .success(ModelState(active: "mimo-v2.5", source: "default", persisted: false))
            }
        }
        answers.sync = { call in
            .success(SyncResult(outcome: call.dryRun ? .wouldChange : .changed, summary: "would point mimo at the daemon",
                                items: [.init(target: "~/.codex/config.toml", status: "would change")],
                                diff: "--- a/config.toml\n+++ b/config.toml\n-x\n+y\n", notes: ["restart Codex"]))
        }
        return FakeHandler(answers)
    }()

    @Test func statusPrintsATableWithTheListener() async throws {
        try await withControlServer(handler: Self.handler) { path in
            let outcome = try await CcmimoctlProcess.run(["status", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("Listening") && $0.hasSuffix("http://127.0.0.1:9876/v1") }, "\(outcome.standardOutput)")
            #expect(outcome.standardOutput.contains("pid 4242, up 2h 03m"))
            #expect(outcome.standardOutput.contains("1.5 KiB of 1.0 GiB"))
            // Two columns: every value starts at the same offset.
            let offsets = lines.map { line -> Int in
                // The value starts after the first run of two or more spaces.
                guard let gap = line.firstRange(of: "  ") else { return -1 }
                return line.distance(from: line.startIndex, to: line[gap.lowerBound...].firstIndex { $0 != " " } ?? line.endIndex)
            }
            #expect(Set(offsets).count == 1, "\(offsets)")
        }
    }

    @Test func jsonPrintsTheDaemonsAnswer() async throws {
        try await withControlServer(handler: Self.handler) { path in
            let outcome = try await CcmimoctlProcess.run(["status", "--json"], environment: ["CCMIMOLINK_CONTROL_SOCKET": path],
                                                         in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let expected = try ControlProtocol.resultEncoder.encode(Self.status)
            do throws(JSONParseError) {
                let json = try JSONValue.parse(outcome.standardOutput)
                #expect(json == expected)
            } catch {
                Issue.record("not JSON: \(error)\n\(outcome.standardOutput)")
            }
        }
    }

    @Test func exits69WithAHintWhenNothingListens() async throws {
        try await withTemporaryDirectory { directory in
            let outcome = try await CcmimoctlProcess.run(["status", "--socket", directory + "/none.sock"], in: directory)
            #expect(outcome.status == 69)
            #expect(outcome.standardError.contains("not running"))
            #expect(outcome.standardError.contains("systemctl --user enable --now ccmimolinkd.socket"))
            #expect(outcome.standardOutput.isEmpty)
        }
    }

    @Test func exits1WhenTheDaemonAnswersWithAnError() async throws {
        try await withControlServer(handler: Self.handler) { path in
            let outcome = try await CcmimoctlProcess.run(["drain", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 1)
            #expect(outcome.standardError.contains("drain failed: the response store is in memory only"))
            #expect(outcome.standardError.contains("hint: set --state-directory"))

            let json = try await CcmimoctlProcess.run(["drain", "--json", "--socket", path], in: directory(of: path))
            #expect(json.status == 1)
            #expect(json.standardOutput.contains(#""code": "unavailable""#))
        }
    }

    /// A result that does not fit its command (a daemon of another release) is a protocol mismatch that
    /// names the field.
    @Test func anUnreadableResultExits76AndNamesTheField() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/control.sock"
            let listener = try UnixListener.bind(path: path)
            defer { close(listener) }
            answerNextConnection(on: listener, with: #"{"v":1,"id":1,"ok":true,"result":{"version":"0.0.1"}}"#)
            let outcome = try await CcmimoctlProcess.run(["status", "--socket", path], in: directory)
            #expect(outcome.status == 76)
            #expect(outcome.standardError == """
                ccmimoctl: unreadable reply from the daemon: status has no "pid"
                hint: ccmimoctl and ccmimolinkd may be from different releases

                """)
            #expect(outcome.standardOutput.isEmpty)
        }
    }

    @Test func healthExitsByItsVerdict() async throws {
        try await withControlServer(handler: Self.handler) { path in
            let healthy = try await CcmimoctlProcess.run(["health", "--socket", path], in: directory(of: path))
            #expect(healthy.status == 0)
            #expect(healthy.standardOutput.contains("ok    upstream   key present"))
            let probed = try await CcmimoctlProcess.run(["health", "--probe", "--socket", path], in: directory(of: path))
            #expect(probed.status == 1)
            #expect(probed.standardOutput.contains("FAIL  upstream   401 from MiMo"))
            #expect(probed.standardOutput.hasSuffix("unhealthy\n"))
        }
    }

    /// The name goes to the daemon as typed (it resolves names against what MiMo serves); the answer
    /// shows how it resolved. A name that cannot be a model never leaves ccmimoctl.
    @Test func modelNamesGoAsTypedAndTheResolutionIsShown() async throws {
        var answers = FakeHandler.Answers()
        answers.model = { call in
            guard case .select(let name) = call.action else { return .failure(ControlFailure(code: .failed, message: "not a select")) }
            return .success(ModelState(active: "mimo-v2.6-pro", resolution: "\(name) (retired 2026-10-21) → mimo-v2.6-pro",
                                       previous: "mimo-v2.6-flash", source: "ccmimoctl", persisted: true))
        }
        let handler = FakeHandler(answers)
        try await withControlServer(handler: handler) { path in
            let outcome = try await CcmimoctlProcess.run(["model", " v2.5-pro ", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            #expect(outcome.standardOutput.contains("v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro (was mimo-v2.6-flash)"))
            #expect(handler.commands == [.model(.select("v2.5-pro"))])
            let refused = try await CcmimoctlProcess.run(["model", "gpt/5", "--socket", path], in: directory(of: path))
            #expect(refused.status == 64)
            #expect(refused.standardError.contains("is not a MiMo model name"))
            #expect(handler.commands.count == 1)
        }
    }

    @Test func syncDryRunPrintsSummaryNotesAndDiff() async throws {
        try await withControlServer(handler: Self.handler) { path in
            let outcome = try await CcmimoctlProcess.run(["sync", "--dry-run", "--socket", path], in: directory(of: path))
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let text = outcome.standardOutput
            #expect(text.hasPrefix("would point mimo at the daemon\n"))
            let note = try #require(text.range(of: "note: restart Codex"))
            let diff = try #require(text.range(of: "--- a/config.toml"))
            #expect(note.lowerBound < diff.lowerBound)
        }
    }

    @Test func usageErrorsExit64() async throws {
        try await withTemporaryDirectory { directory in
            let both = try await CcmimoctlProcess.run(["model", "v2.5", "--reset", "--socket", directory + "/x.sock"], in: directory)
            #expect(both.status == 64)
            let unknown = try await CcmimoctlProcess.run(["frobnicate"], in: directory)
            #expect(unknown.status == 64)
            let tooLong = try await CcmimoctlProcess.run(["status", "--socket", "/tmp/" + String(repeating: "s", count: 150)], in: directory)
            #expect(tooLong.status == 64)
            #expect(tooLong.standardError.contains("longer than the 107"))
        }
    }

    @Test(arguments: [
        (["logs", "--response", "resp_123", "--print-command"],
         "journalctl --user -u ccmimolinkd.service RESPONSE_ID=resp_123"),
        (["logs", "-f", "-n", "50", "--since", "1 hour ago", "-p", "warning", "--json", "--print-command"],
         "journalctl --user -u ccmimolinkd.service --follow --lines 50 --since '1 hour ago' --priority warning --output json"),
    ])
    func logsPrintsTheJournalctlCommand(arguments: [String], expected: String) async throws {
        try await withTemporaryDirectory { directory in
            let outcome = try await CcmimoctlProcess.run(arguments, in: directory)
            #expect(outcome.status == 0, "\(outcome.standardError)")
            #expect(outcome.standardOutput == expected + "\n")
        }
    }

    private func directory(of socketPath: String) -> String {
        // <temp>/run/control.sock → <temp>
        URL(fileURLWithPath: socketPath).deletingLastPathComponent().deletingLastPathComponent().path
    }
}
