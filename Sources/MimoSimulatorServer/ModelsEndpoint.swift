import Hummingbird
import MimoSimulator
import ResponsesTranslation

/// `GET …/models`, behind the same auth as chat: the models the simulator's validator knows, in the
/// OpenAI list shape.
struct ModelsEndpoint: Sendable {
    let options: MimoSimulatorOptions

    func respond(to request: Request) -> Response {
        guard MimoAuthentication(headers: request.headers, mode: options.mode).isAccepted else {
            return .json(MimoErrorBodies.invalidKey, status: 401)
        }
        let models = SimulatedMimoModel.known.keys.sorted().map { id -> JSONValue in
            ["id": .string(id), "object": "model", "created": 0, "owned_by": "xiaomi"]
        }
        return .json(["object": "list", "data": .array(models)])
    }
}
