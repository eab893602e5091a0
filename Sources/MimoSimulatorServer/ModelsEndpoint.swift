import Hummingbird
import MimoSimulator
import ResponsesTranslation

/// `GET …/models`, behind the same auth as chat: the models the simulated gateway serves now, in the
/// OpenAI list shape (retired ids are not listed, as MiMo stopped listing them).
struct ModelsEndpoint: Sendable {
    let options: MimoSimulatorOptions
    let state: SimulatorState

    func respond(to request: Request) async -> Response {
        guard MimoAuthentication(headers: request.headers, mode: options.mode).isAccepted else {
            return .json(MimoErrorBodies.invalidKey, status: 401)
        }
        let models = await state.lineup.served.keys.sorted().map { id -> JSONValue in
            ["id": .string(id), "object": "model", "created": 0, "owned_by": "xiaomi"]
        }
        return .json(["object": "list", "data": .array(models)])
    }
}
