import Hummingbird

/// The simulator's routes. Chat and model endpoints answer under every base path a bridge may be
/// configured with: `/v1` (MiMo's documented base), the bare root, and one extra leading segment, e.g.
/// `/token-plan-sgp/v1`, so one simulator can stand in for several configured hosts.
enum SimulatorRouter {
    static func make(options: MimoSimulatorOptions, state: SimulatorState) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let chat = ChatCompletionsEndpoint(options: options, state: state)
        let models = ModelsEndpoint(options: options, state: state)
        for base in ["", "/v1", "/:base", "/:base/v1"] {
            router.post("\(base)/chat/completions") { request, _ in try await chat.respond(to: request) }
            router.get("\(base)/models") { request, _ in await models.respond(to: request) }
        }
        let control = ControlEndpoints(options: options, state: state)
        router.get("/__sim/health") { _, _ in await control.health() }
        router.post("/__sim/faults") { request, _ in await control.enqueueFaults(request) }
        router.delete("/__sim/faults") { _, _ in await control.clearFaults() }
        router.get("/__sim/requests") { _, _ in await control.recordedRequests() }
        router.delete("/__sim/requests") { _, _ in await control.clearRecordedRequests() }
        router.post("/__sim/models") { request, _ in await control.replaceModels(request) }
        router.delete("/__sim/models") { _, _ in await control.resetModels() }
        return router
    }
}
