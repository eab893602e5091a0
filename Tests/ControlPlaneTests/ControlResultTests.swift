import ControlPlane
import ResponsesTranslation
import Testing

/// The result payloads as the daemon writes them and ccmimoctl reads them (`ControlProtocol`'s coder),
/// and each call paired with its result type.
@Suite struct ControlResultTests {
    typealias S = ControlPayloadSamples

    private func encoded(_ payload: some Encodable) throws -> JSONValue { try ControlProtocol.resultEncoder.encode(payload) }

    /// Through the wire text, so number formatting is covered too.
    private func roundTrip<Payload: Codable & Equatable>(_ payload: Payload, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try encoded(payload).serialized()
        let decoded = try ControlProtocol.resultDecoder.decode(Payload.self, from: JSONValue.parse(text))
        #expect(decoded == payload, sourceLocation: sourceLocation)
    }

    @Test func everyPayloadRoundTrips() throws {
        try roundTrip(S.fullStatus)
        try roundTrip(S.minimalStatus)
        try roundTrip(S.health)
        try roundTrip(S.fullSync)
        try roundTrip(S.minimalSync)
        try roundTrip(S.fullModel)
        try roundTrip(S.minimalModel)
        try roundTrip(S.models)
        try roundTrip(S.unreadModels)
        try roundTrip(S.drain)
        try roundTrip(S.fullStore)
        try roundTrip(S.memoryStore)
        try roundTrip(S.fullReload)
        try roundTrip(S.emptyReload)
        try roundTrip(S.usage)
        try roundTrip(S.quietUsage)
    }

    @Test func statusUsesSnakeCaseKeysAndNullForAbsentOptionals() throws {
        let json = try encoded(S.minimalStatus)
        #expect(json.objectValue?.keys == [
            "version", "pid", "uptime_seconds", "http_listeners", "control_socket", "socket_activated", "upstream", "model",
            "in_flight", "served", "store", "last_sync", "last_error", "watchdog_seconds", "idle_exit", "sync_record_problem",
            "usage_today",
        ])
        #expect(json["store"] == .null)
        let full = try encoded(S.fullStatus)
        #expect(full["upstream"]?["base_url"] == "https://token-plan-sgp.xiaomimimo.com/v1")
        #expect(full["store"]?["max_responses"] == 1000)
    }

    @Test func usageCountsCarryTheirSumsAndTheCachedShare() throws {
        let json = try encoded(S.usage)
        let total = json["periods"]?[0]?["total"]
        #expect(total?["input_tokens"] == 30)
        #expect(total?["cached_share"] == .double(2.0 / 3.0))
        #expect(total?["unpriced_models"] == ["mimo-v2.6-pro-ultraspeed"])
        #expect(total?.objectValue?.keys.contains("model") == false, "a total has no model")
        let model = json["periods"]?[0]?["models"]?[0]
        #expect(model?["model"] == "mimo-v2.6-pro")
        #expect(model?.objectValue?.keys.contains("known_cost_usd") == false, "a model's cost is known or null")
        #expect(model?.objectValue?.keys.contains("unpriced_models") == false)
        #expect(json["periods"]?[0]?["models"]?[1]?["cached_share"] == .null, "no input, no share")
    }

    @Test func healthIsHealthyOnlyWhenEveryCheckPasses() {
        #expect(HealthReport(checks: [.init(name: "a", ok: true, detail: "")]).healthy)
        #expect(!HealthReport(checks: [.init(name: "a", ok: true, detail: ""), .init(name: "b", ok: false, detail: "")]).healthy)
    }

    @Test func unknownKeysOutcomesAndLeftOutListsFromAnotherDaemonAreTolerated() throws {
        var object = try #require(encoded(S.fullSync).objectValue)
        object["outcome"] = "partially changed"
        object["future_field"] = ["x": 1]
        object["notes"] = nil
        let decoded = try ControlProtocol.resultDecoder.decode(SyncResult.self, from: .object(object))
        #expect(decoded.outcome.rawValue == "partially changed")
        #expect(decoded.items == S.fullSync.items)
        #expect(decoded.notes == [], "a list left out reads as empty")
    }

    /// Daemons before `resolution` and `vision` sent only the id: it is its own resolution, with no model
    /// for images, as the hand-written reader had it.
    @Test func aModelWithoutResolutionOrVisionReadsAsItsOwnId() throws {
        var model = try #require(encoded(S.fullModel).objectValue)
        model["resolution"] = nil
        model["vision"] = nil
        let state = try ControlProtocol.resultDecoder.decode(ModelState.self, from: .object(model))
        #expect(state.resolution == "mimo-v2.6-pro")
        #expect(state.vision == "")
        #expect(state.previous == "mimo-v2.6-flash", "the other fields still read")

        var status = try #require(encoded(S.fullStatus).objectValue)
        status["model"] = ["active": "mimo-v2.6-pro", "source": "ccmimoctl", "resolution": nil]
        let active = try ControlProtocol.resultDecoder.decode(DaemonStatus.self, from: .object(status)).model
        #expect(active == DaemonStatus.ActiveModel(active: "mimo-v2.6-pro", source: "ccmimoctl", resolution: "mimo-v2.6-pro", vision: ""))
        status["model"] = ["source": "ccmimoctl"]
        #expect(message(outcome(.object(status), of: StatusCall())) == #"unreadable reply from the daemon: status.model has no "active""#)
    }

    private func outcome<Call: ControlCall>(_ result: JSONValue, of call: Call) -> Result<ControlOutcome<Call.Result>, ControlProtocolError> {
        do throws(ControlProtocolError) {
            return .success(try ControlOutcome(.success(id: 1, result: result), to: call))
        } catch {
            return .failure(error)
        }
    }

    private func message(_ result: Result<some Any, ControlProtocolError>) -> String? {
        guard case .failure(let error) = result else { return nil }
        #expect(error.code == .malformedRequest)
        #expect(error.hint == "ccmimoctl and ccmimolinkd may be from different releases")
        return error.message
    }

    @Test func aMissingOrMistypedFieldIsNamedInTheErrorFromTheCommandDown() throws {
        var object = try #require(encoded(S.fullStatus).objectValue)
        object["pid"] = nil
        #expect(message(outcome(.object(object), of: StatusCall())) == #"unreadable reply from the daemon: status has no "pid""#)
        object["pid"] = "1234"
        #expect(message(outcome(.object(object), of: StatusCall()))
                == "unreadable reply from the daemon: status.pid must be an integer, got string")
        object["pid"] = 1234
        object["upstream"] = ["mode": "standard", "source": "default"]
        #expect(message(outcome(.object(object), of: StatusCall())) == #"unreadable reply from the daemon: status.upstream has no "base_url""#)
        #expect(message(outcome(.array([]), of: DrainCall())) == "unreadable reply from the daemon: drain must be an object, got array")
        var health = try #require(encoded(S.health).objectValue)
        health["checks"] = [["name": "a", "ok": true, "detail": ""], ["name": "b", "ok": "no", "detail": ""]]
        #expect(message(outcome(.object(health), of: HealthCall()))
                == "unreadable reply from the daemon: health.checks[1].ok must be a boolean, got string")
    }

    @Test func aReplyReadsAsItsCallsResultOrTheDaemonsFailure() throws {
        let json = try encoded(S.drain)
        #expect(try ControlOutcome(.success(id: 1, result: json), to: DrainCall()) == .answered(S.drain, json: json))
        let failure = ControlFailure(code: .unavailable, message: "no store")
        #expect(try ControlOutcome(.failure(id: 1, failure), to: DrainCall()) == .failed(failure))
    }

    /// Every command the daemon knows has a call, so none goes without a result type.
    @Test func everyCommandHasACall() {
        let calls: [any ControlCall] = [StatusCall(), HealthCall(), SyncCall(), ModelCall(), ModelsCall(), DrainCall(), StoreCall(),
                                        ReloadCall(), UsageCall()]
        #expect(calls.map(\.command.wireName) == ControlCommand.wireNames)
    }
}
