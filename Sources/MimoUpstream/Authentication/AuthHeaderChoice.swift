/// The one header that carries the key upstream. MiMo accepts `api-key` and `Authorization:
/// Bearer` alike; Token Plan gateways are addressed the way their docs show (`api-key`), the
/// pay-as-you-go host with Bearer. `x-api-key` is rejected by MiMo, so it is never sent.
public enum AuthHeaderChoice {
    public static func headers(for key: MimoAPIKey, endpoint: UpstreamEndpoint) -> [(name: String, value: String)] {
        headers(for: key, tokenPlanHost: endpoint.isTokenPlanHost)
    }

    /// The same, with the host's kind already known (`UpstreamRoute`).
    static func headers(for key: MimoAPIKey, tokenPlanHost: Bool) -> [(name: String, value: String)] {
        if tokenPlanHost || key.isTokenPlanKey {
            return [(name: "api-key", value: key.value)]
        }
        return [(name: "Authorization", value: "Bearer " + key.value)]
    }
}
