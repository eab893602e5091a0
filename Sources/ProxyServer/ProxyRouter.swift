import Foundation
import HTTPTypes
import Hummingbird
import ResponsesTranslation

/// The HTTP surface of ccmimolinkd as a Hummingbird router. The same router is served on a socket
/// we bind or on one systemd hands us.
public enum ProxyRouter {
    public static func build(_ dependencies: ProxyDependencies) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: GuardMiddleware(requestGuard: dependencies.settings.requestGuard))
        let responses = ResponsesEndpoint(dependencies: dependencies)

        for prefix in ["/v1", ""] {
            router.post("\(prefix)/responses") { request, _ in try await responses.create(request) }
            router.post("\(prefix)/responses/compact") { request, _ in try await responses.create(request, compact: true) }
            router.get("\(prefix)/responses/:id") { _, context in
                let id = context.parameters.get("id") ?? ""
                guard let archive = dependencies.archive, let record = try await archive.response(id: id) else {
                    throw OpenAIErrorResponse(.responseNotFound, message: "No stored response with id '\(id)'.")
                }
                return ResponseEncoding.json(record.response)
            }
            // Codex tries a websocket first only when told to; answering 426 makes it fall back to HTTP.
            router.get("\(prefix)/responses") { _, _ in
                OpenAIErrorResponse(.websocketUnsupported, message: "Websockets are not supported; use POST /v1/responses.").response()
            }
            router.get("\(prefix)/models") { request, _ in
                let catalog = dependencies.models.catalog
                if request.headers[.ifNoneMatch] == catalog.etag {
                    return Response(status: .notModified, headers: [.eTag: catalog.etag])
                }
                return Response(status: .ok, headers: [.contentType: "application/json", .eTag: catalog.etag],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: catalog.body)))
            }
        }
        router.get("/health") { _, _ in
            let activity = dependencies.activity
            let uptime = ContinuousClock.now - activity.startedAt
            let body: JSONValue = [
                "status": "ok",
                "active_model": .string(dependencies.models.current.active.id),
                "in_flight": .int(activity.inFlight),
                "served": .int(activity.served),
                "uptime_seconds": .int(Int(uptime.components.seconds)),
            ]
            return ResponseEncoding.json(body)
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: dependencies.metrics.render())))
        }
        return router
    }
}
