import ResponsesTranslation
import Testing
@testable import MimoUpstream

@Suite struct UpstreamErrorBodyTests {
    static func parse(_ status: Int, _ body: String, contentType: String? = "application/json") -> UpstreamError {
        UpstreamErrorBody.parse(status: status, contentType: contentType, body: Array(body.utf8))
    }

    @Test func wrappedJSON() {
        let error = Self.parse(400, #"{"error":{"code":"400","message":"Param Incorrect","param":"The reasoning_content in the thinking mode must be passed back to the API.","type":""}}"#)
        #expect(error.status == 400)
        #expect(error.code == "400")
        #expect(error.message == "Param Incorrect")
        #expect(error.param?.contains("reasoning_content") == true)
        #expect(error.kind == .invalidRequest)
    }

    @Test func bareJSON() {
        let error = Self.parse(402, #"{"type":"server_error","message":"Upstream request failed: Insufficient account funds"}"#)
        #expect(error.message == "Upstream request failed: Insufficient account funds")
        #expect(error.kind == .insufficientQuota)
    }

    @Test func sseFramedEvenWithAJSONContentType() {
        let body = "data: {\"error\":{\"code\":\"429\",\"message\":\"Too many requests\",\"type\":\"limitation\"}}\n\ndata: [DONE]\n\n"
        for contentType in ["text/event-stream; charset=utf-8", "application/json", nil] {
            let error = Self.parse(429, body, contentType: contentType)
            #expect(error.message == "Too many requests")
            #expect(error.kind == .rateLimited)
        }
    }

    @Test func sseFramedPlainText() {
        let error = Self.parse(503, "data: upstream overloaded\n\n", contentType: "text/event-stream")
        #expect(error.message == "upstream overloaded")
        #expect(error.kind == .server)
    }

    @Test func plainTextAndHTML() {
        #expect(Self.parse(502, "Bad gateway from proxy\n", contentType: "text/plain").message == "Bad gateway from proxy")
        let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
        #expect(Self.parse(502, page, contentType: "text/html").message == "502 Bad Gateway")
        #expect(Self.parse(503, "<html><body><p>Service\n  down</p></body></html>", contentType: nil).message == "Service down")
    }

    @Test func emptyBodiesStillSaySomething() {
        let error = Self.parse(503, "", contentType: nil)
        #expect(error.message == "MiMo answered HTTP 503 (Service Unavailable) with an empty body")
        #expect(error.kind == .server)
        #expect(Self.parse(418, "  \n", contentType: nil).message == "MiMo answered HTTP 418 with an empty body")
    }

    @Test func otherJSONShapes() {
        #expect(Self.parse(404, #"{"detail":"Not Found"}"#).message == "Not Found")
        #expect(Self.parse(422, #"{"detail":[{"msg":"field required"},{"msg":"bad type"}]}"#).message == "field required; bad type")
        #expect(Self.parse(500, #"{"status":"broken"}"#).message == #"{"status":"broken"}"#)
        #expect(Self.parse(503, #""Service Unavailable""#).message == "Service Unavailable")
        #expect(Self.parse(401, #"[{"error":{"message":"Invalid API Key","code":"401"}}]"#).kind == .authentication)
    }

    @Test func contextOverflowIsClassifiedBeforeTruncation() {
        let long = String(repeating: "x", count: 5000)
        let error = Self.parse(400, #"{"error":{"message":"\#(long) This model's maximum context length is 1048576 tokens, you requested more; exceeded","code":"400"}}"#)
        #expect(error.kind == .contextLengthExceeded)
        #expect(error.message.utf8.count <= UpstreamErrorBody.maxMessageBytes)
        #expect(error.message.hasSuffix("…"))
    }

    @Test func truncationKeepsWholeCharacters() {
        let text = String(repeating: "é🚀", count: 1000)
        let truncated = UpstreamErrorBody.truncated(text)
        #expect(truncated.utf8.count <= UpstreamErrorBody.maxMessageBytes)
        #expect(truncated.dropLast().allSatisfy { $0 == "é" || $0 == "🚀" })
        #expect(UpstreamErrorBody.truncated("short") == "short")
    }

    @Test func echoedKeysAreRemoved() {
        let secret = "sk-" + String(repeating: "Zx9", count: 15)
        let error = Self.parse(401, #"{"error":{"message":"Invalid API Key \#(secret)","param":"Bearer \#(secret)","code":"401"}}"#)
        #expect(!error.message.contains(secret) && !(error.param ?? "").contains(secret))
        #expect(!error.message.contains(String(secret.prefix(5))))
        #expect(error.message.contains("Invalid API Key"))
        let text = Self.parse(401, "bad key \(secret)", contentType: "text/plain")
        #expect(!text.message.contains(String(secret.prefix(5))))
    }

    @Test func invalidUTF8IsReadable() {
        let error = UpstreamErrorBody.parse(status: 500, contentType: "text/plain", body: Array("oops ".utf8) + [0xFF, 0xFE])
        #expect(error.message == "oops \u{FFFD}\u{FFFD}")
    }
}
