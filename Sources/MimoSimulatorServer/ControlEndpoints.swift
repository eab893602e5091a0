import Hummingbird
import MimoSimulator
import NIOCore
import ResponsesTranslation

/// The simulator's own API under `/__sim/`, for tests and scripts: fault queue, request record,
/// health. Unauthenticated: the server only listens on loopback.
struct ControlEndpoints: Sendable {
    let options: MimoSimulatorOptions
    let state: SimulatorState
    /// A fault list is a few hundred bytes; this bounds a mistaken upload.
    static let maxControlBodyBytes = 1 << 20

    func health() async -> Response {
        .json([
            "status": "ok", "mode": .string(options.mode.rawValue),
            "pending_faults": .int(await state.pendingFaultCount),
            "recorded_requests": .int(await state.recordedRequests().count),
            "active_stalls": .int(await state.activeStalls),
        ])
    }

    /// `POST /__sim/faults` with `{"faults":[…]}`: appends to the queue; a bad fault rejects the whole list.
    func enqueueFaults(_ incoming: Request) async -> Response {
        var request = incoming
        let faults: [SimulatedFault]
        do {
            let buffer = try await request.collectBody(upTo: Self.maxControlBodyBytes)
            faults = try SimulatedFault.list(specification: try JSONValue.parse(String(buffer: buffer)))
        } catch let error as FaultSpecificationError {
            return Self.badRequest(error.message)
        } catch {
            return Self.badRequest("invalid fault list: \(error)")
        }
        let accepted = await state.enqueue(faults)
        guard accepted == faults.count else {
            return .json(["error": ["message": .string("fault queue full: \(accepted) of \(faults.count) queued")]], status: 429)
        }
        return .json(["queued": .int(accepted), "pending_faults": .int(await state.pendingFaultCount)])
    }

    func clearFaults() async -> Response {
        await state.clearFaults()
        return .json(["pending_faults": 0])
    }

    func recordedRequests() async -> Response {
        .json(.array(await state.recordedRequests()))
    }

    func clearRecordedRequests() async -> Response {
        await state.clearRecordedRequests()
        return .json(["recorded_requests": 0])
    }

    /// `POST /__sim/models` with `{"text_only":["mimo-v2.6-pro"],"serve_retired":false}`: which models
    /// the gateway serves from now on (both keys optional).
    func replaceModels(_ incoming: Request) async -> Response {
        var request = incoming
        let specification: JSONValue
        do {
            specification = try JSONValue.parse(String(buffer: try await request.collectBody(upTo: Self.maxControlBodyBytes)))
        } catch {
            return Self.badRequest("invalid model settings: \(error)")
        }
        guard let textOnly = (specification["text_only"]?.arrayValue ?? []).map(\.stringValue) as [String?]?,
              !textOnly.contains(nil), specification["serve_retired"].map({ $0.boolValue != nil }) ?? true else {
            return Self.badRequest("expected {\"text_only\": [model ids], \"serve_retired\": true|false}")
        }
        let lineup = SimulatedModelLineup(textOnly: Set(textOnly.compactMap { $0 }),
                                          servesRetired: specification["serve_retired"]?.boolValue ?? false)
        await state.replaceLineup(lineup)
        return .json(["served": .array(lineup.served.keys.sorted().map(JSONValue.string))])
    }

    func resetModels() async -> Response {
        await state.resetLineup()
        return .json(["served": .array(await state.lineup.served.keys.sorted().map(JSONValue.string))])
    }

    private static func badRequest(_ message: String) -> Response {
        .json(["error": ["message": .string(message)]], status: 400)
    }
}
