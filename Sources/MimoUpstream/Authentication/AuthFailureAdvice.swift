import ResponsesTranslation
/// The message for an upstream 401: the likely cause and what to change. MiMo's own text
/// ("Invalid API Key") is the same for every cause, so the cause is read from the key's prefix and
/// the host it was sent to (mimo-api.md §1: keys of the two plans cannot be mixed, and a Token Plan
/// key works only on its own cluster).
public enum AuthFailureAdvice {
    public static func message(key: MimoAPIKey?, endpoint: UpstreamEndpoint, upstreamMessage: String) -> String {
        let said = SecretRedaction.redacting(upstreamMessage, known: key.map { [$0.value] } ?? []).trimmedWhitespace
        let upstream = said.isEmpty ? "" : " MiMo said: \"\(said.prefix(300))\"."
        let host = endpoint.host.isEmpty ? endpoint.baseURL : endpoint.host
        guard let key else {
            return "MiMo at \(host) rejected the request: no API key was sent.\(upstream)\n" + MissingKeyAdvice.message
        }
        let origin = "The key (\(key.redacted)) came from \(key.source)."
        if key.isTokenPlanKey, endpoint.isMimoHost, !endpoint.isTokenPlanHost {
            return """
                MiMo at \(host) rejected a Token Plan key: Token Plan keys (tp-/ttp-) only work on the Token Plan \
                hosts (token-plan-cn/-sgp/-ams.xiaomimimo.com), not on the pay-as-you-go host.\(upstream) \(origin) \
                Fix: set MIMO_MODE to your plan's cluster (token-plan-cn, token-plan-sgp or token-plan-ams; the \
                Base URL on your Token Plan page decides), or MIMO_BASE_URL to that URL; or use a pay-as-you-go \
                (sk-) key instead.
                """
        }
        if key.isPayAsYouGoKey, endpoint.isTokenPlanHost {
            return """
                MiMo at \(host) rejected a pay-as-you-go key: sk- keys only work on https://api.xiaomimimo.com/v1, \
                not on Token Plan hosts.\(upstream) \(origin) Fix: use the tp- key from your Token Plan page, or \
                set MIMO_MODE=standard (and unset MIMO_BASE_URL) to use the sk- key.
                """
        }
        if key.isTokenPlanKey, endpoint.isTokenPlanHost {
            return """
                MiMo at \(host) rejected the Token Plan key.\(upstream) \(origin) A Token Plan key only works on \
                the cluster it was issued for (CN, SGP or AMS), and the cluster cannot be told from the key. Fix: \
                use the Base URL shown on your Token Plan page: set MIMO_MODE (token-plan-cn, token-plan-sgp or \
                token-plan-ams) or MIMO_BASE_URL to it. If the cluster is right, the key was revoked or mistyped: \
                create a new one on the Token Plan page.
                """
        }
        return """
            MiMo at \(host) rejected the API key as invalid or revoked.\(upstream) \(origin) Fix: check the key \
            on the MiMo console (API keys) and replace it there; pay-as-you-go keys (sk-) go with MIMO_MODE=standard, \
            Token Plan keys (tp-) with the token-plan mode of their cluster.
            """
    }
}
