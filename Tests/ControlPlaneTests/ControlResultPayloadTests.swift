import ControlPlane
import ResponsesTranslation
import Testing

@Suite struct ControlResultPayloadTests {
    static let sync = SyncResult(
        outcome: .wouldChange, summary: "would point provider mimo at http://127.0.0.1:9876/v1", provider: "mimo",
        upstream: "https://api.xiaomimimo.com/v1", layout: "cc-switch 4",
        items: [.init(target: "~/.codex/config.toml", status: "would change", backup: "/b/config.toml.1", note: "model"),
                .init(target: "cc-switch.db", status: "unchanged")],
        diff: "--- a\n+++ b\n", notes: ["restart Codex"])

    static let fullStatus = DaemonStatus(
        version: "0.3.0", pid: 1234, uptimeSeconds: 12.5, httpListeners: ["http://127.0.0.1:9876/v1"],
        controlSocket: "/run/user/1000/ccmimolink/control.sock", socketActivated: true,
        upstream: .init(baseURL: "https://api.xiaomimimo.com/v1", mode: "standard", source: "cc-switch"),
        model: .init(active: "mimo-v2.5", source: "default"), inFlight: 2, served: 40,
        store: .init(path: "/s/responses.sqlite", responses: 10, bytes: 2048, maxResponses: 1000, maxBytes: 1 << 30),
        lastSync: .init(at: "2025-06-01T12:00:00Z", ok: true, summary: "already in sync"),
        lastError: .init(at: nil, message: "429 from MiMo"), watchdogSeconds: 15,
        syncRecordProblem: "ccmimolink's sync record /s/cc-switch-sync.sqlite cannot be read",
        usageToday: .init(model: nil, requests: 3, failed: 1, freshInputTokens: 100, cachedInputTokens: 900, outputTokens: 20,
                          reasoningTokens: 5, costUSD: nil, knownCostUSD: 0.01, unpriced: ["mimo-v2.6-pro-ultraspeed"]))

    static let usage = UsageReport(
        today: "2026-12-15", timeZone: "Europe/Berlin", costShown: true, costNote: "usage_cost = auto: estimated",
        periods: [.init(label: "today", first: "2026-12-15", last: "2026-12-15",
                        total: .init(model: nil, requests: 2, failed: 0, freshInputTokens: 10, cachedInputTokens: 30,
                                     outputTokens: 4, reasoningTokens: 1, costUSD: 0.5, knownCostUSD: 0.5),
                        models: [.init(model: "mimo-v2.6-pro", requests: 2, failed: 0, freshInputTokens: 10, cachedInputTokens: 30,
                                       outputTokens: 4, reasoningTokens: 1, costUSD: 0.5)])],
        days: [], prices: [.init(model: "mimo-v2.6-pro", input: 0.435, cachedInput: 0.0036, output: 0.87, recorded: "2026-12-07",
                                 source: "Xiaomi"),
                           .init(model: "mimo-v3-pro", input: 1, cachedInput: 0.01, output: 2, recorded: nil, source: "file c.toml")],
        ledgerPath: "/s/usage.sqlite", ledgerProblem: nil, retentionDays: 366)

    static let minimalStatus = DaemonStatus(
        version: "0.3.0", pid: 1, uptimeSeconds: 0, httpListeners: [], controlSocket: "/c", socketActivated: false,
        upstream: .init(baseURL: "u", mode: "standard", source: "default"), model: .init(active: "m", source: "config"),
        inFlight: 0, served: 0, store: nil)

    @Test func statusRoundTrips() {
        roundTrip(Self.fullStatus)
        roundTrip(Self.minimalStatus)
    }

    @Test func statusUsesSnakeCaseKeysAndNullForAbsentOptionals() {
        let json = Self.minimalStatus.toJSON()
        #expect(json.objectValue?.keys == [
            "version", "pid", "uptime_seconds", "http_listeners", "control_socket", "socket_activated", "upstream", "model",
            "in_flight", "served", "store", "last_sync", "last_error", "watchdog_seconds", "idle_exit", "sync_record_problem",
            "usage_today",
        ])
        #expect(json["store"] == .null)
        #expect(Self.fullStatus.toJSON()["upstream"]?["base_url"] == "https://api.xiaomimimo.com/v1")
        #expect(Self.fullStatus.toJSON()["store"]?["max_responses"] == 1000)
    }

    @Test func otherPayloadsRoundTrip() {
        roundTrip(HealthReport(checks: [.init(name: "listeners", ok: true, detail: "1 HTTP"), .init(name: "upstream", ok: false, detail: "no key")]))
        roundTrip(Self.sync)
        roundTrip(SyncResult(outcome: .alreadyInSync, summary: "nothing to do"))
        roundTrip(ModelState(active: "mimo-v2.5-pro", previous: "mimo-v2.5", source: "ccmimoctl", persisted: true,
                             available: ["mimo-v2.5", "mimo-v2.5-pro"]))
        roundTrip(ModelState(active: "mimo-v2.5", source: "default", persisted: false))
        roundTrip(DrainResult(removed: 3, bytesFreed: 4096))
        roundTrip(StoreStatus(path: "/s", responses: 2, bytes: 10, maxResponses: 5, maxBytes: 100,
                              oldestAt: "2025-06-01T12:00:00Z", newestAt: "2025-06-02T12:00:00Z", inMemory: false))
        roundTrip(StoreStatus(path: "memory", responses: 0, bytes: 0, maxResponses: 5, maxBytes: 100, inMemory: true))
        roundTrip(ReloadResult(applied: ["model"], needsRestart: ["listen"], sync: Self.sync, warnings: ["w"]))
        roundTrip(ReloadResult())
        roundTrip(Self.usage)
    }

    @Test func usageCountsCarryTheirSumsAndTheCachedShare() {
        let total = Self.usage.toJSON()["periods"]?[0]?["total"]
        #expect(total?["input_tokens"] == 40)
        #expect(total?["cached_share"] == .double(0.75))
        #expect(total?["unpriced_models"] == [])
        let model = Self.usage.toJSON()["periods"]?[0]?["models"]?[0]
        #expect(model?["model"] == "mimo-v2.6-pro")
        #expect(model?.objectValue?.keys.contains("known_cost_usd") == false, "a model's cost is known or null")
    }

    @Test func healthIsHealthyOnlyWhenEveryCheckPasses() {
        #expect(HealthReport(checks: [.init(name: "a", ok: true, detail: "")]).healthy)
        #expect(!HealthReport(checks: [.init(name: "a", ok: true, detail: ""), .init(name: "b", ok: false, detail: "")]).healthy)
    }

    @Test func unknownKeysAndOutcomesFromANewerDaemonAreTolerated() {
        var object = Self.sync.toJSON().objectValue!
        object["outcome"] = "partially changed"
        object["future_field"] = ["x": 1]
        do throws(ControlProtocolError) {
            let decoded = try SyncResult(json: .object(object))
            #expect(decoded.outcome.rawValue == "partially changed")
            #expect(decoded.items == Self.sync.items)
        } catch {
            Issue.record("decode failed: \(error)")
        }
    }

    @Test func aMissingOrMistypedFieldIsNamedInTheError() {
        var object = Self.fullStatus.toJSON().objectValue!
        object["pid"] = nil
        expectError(DaemonStatus.self, .object(object), mentioning: "\"pid\"")
        object["pid"] = "1234"
        expectError(DaemonStatus.self, .object(object), mentioning: "status.pid must be an integer")
        expectError(DrainResult.self, .array([]), mentioning: "drain must be an object")
    }

    @Test func replyResultsDecodeAsTheirPayload() {
        let reply = ControlReply.success(id: 1, result: DrainResult(removed: 1, bytesFreed: 2).toJSON())
        do throws(ControlProtocolError) {
            let success = try reply.result(as: DrainResult.self)
            #expect(success == .success(DrainResult(removed: 1, bytesFreed: 2)))
            let failure = ControlFailure(code: .unavailable, message: "no store")
            let failed = try ControlReply.failure(id: 1, failure).result(as: DrainResult.self)
            #expect(failed == .failure(failure))
        } catch {
            Issue.record("decode failed: \(error)")
        }
    }

    private func roundTrip<Payload: ControlResultPayload>(_ payload: Payload, sourceLocation: SourceLocation = #_sourceLocation) {
        // Through the wire text, so number formatting is covered too.
        let text = payload.toJSON().serialized()
        do throws(ControlProtocolError) {
            let parsed: JSONValue
            do throws(JSONParseError) { parsed = try JSONValue.parse(text) } catch {
                Issue.record("not JSON: \(error)", sourceLocation: sourceLocation)
                return
            }
            let decoded = try Payload(json: parsed)
            #expect(decoded == payload, sourceLocation: sourceLocation)
        } catch {
            Issue.record("decode failed: \(error)", sourceLocation: sourceLocation)
        }
    }

    private func expectError<Payload: ControlResultPayload>(_ type: Payload.Type, _ json: JSONValue, mentioning text: String,
                                                          sourceLocation: SourceLocation = #_sourceLocation) {
        do throws(ControlProtocolError) {
            _ = try Payload(json: json)
            Issue.record("accepted \(json)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
        }
    }
}
