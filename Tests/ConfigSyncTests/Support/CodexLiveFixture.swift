/// Codex's live files as users really have them: cc-switch's output with hand edits on top.
enum CodexLiveFixture {
    /// Comments, odd spacing, a tab-indented key, single quotes, inline tables, an unrelated
    /// provider, a leftover MiMo table from an older tool, MCP servers and a profile.
    static let handEdited = """
        # Codex configuration — written by cc-switch, tuned by hand
        model_provider = "custom"
        model   =   "mimo-v2.5-pro"     # the model cc-switch picked
        model_reasoning_effort = "high"
        disable_response_storage = true
        model_catalog_json = "cc-switch-model-catalog.json"
        web_search = "disabled"

        [model_providers.custom]
        name = "xiaomi_mimo"
        \tbase_url="https://api.xiaomimimo.com/v1"   # MiMo pay-as-you-go
        wire_api = 'responses'
        requires_openai_auth = true

        # a provider kept for experiments
        [model_providers.local-llm]
        name = "Local LLM"
        base_url = "http://localhost:11434/v1"
        http_headers = { "X-Trace" = "on", Accept = "application/json" }

        # left behind by CCMimoLink; not ours to touch
        [model_providers.xiaomi_mimo]
        name = "mimo"
        base_url = "http://127.0.0.1:9876/v1"
        http_headers = { Authorization = "Bearer local-mimo-proxy" }

        [mcp_servers.docs]
        command = "npx"
        args = [
          "-y",   # always the latest
          "docs-mcp",
        ]
        env = { DOCS_TOKEN = "docs-token-value" }

        [profiles.fast]
        model = "mimo-v2.5"

        """

    /// `handEdited` after a sync to the daemon on port 9876: two values, one new line.
    static let handEditedSynced = """
        # Codex configuration — written by cc-switch, tuned by hand
        model_provider = "custom"
        model   =   "mimo-v2.5-pro"     # the model cc-switch picked
        model_reasoning_effort = "high"
        disable_response_storage = true
        model_catalog_json = "cc-switch-model-catalog.json"
        web_search = "disabled"

        [model_providers.custom]
        name = "xiaomi_mimo"
        \tbase_url="http://127.0.0.1:9876/v1"   # MiMo pay-as-you-go
        wire_api = 'responses'
        requires_openai_auth = true
        model_catalog_url = "http://127.0.0.1:9876/v1/models"

        # a provider kept for experiments
        [model_providers.local-llm]
        name = "Local LLM"
        base_url = "http://localhost:11434/v1"
        http_headers = { "X-Trace" = "on", Accept = "application/json" }

        # left behind by CCMimoLink; not ours to touch
        [model_providers.xiaomi_mimo]
        name = "mimo"
        base_url = "http://127.0.0.1:9876/v1"
        http_headers = { Authorization = "Bearer local-mimo-proxy" }

        [mcp_servers.docs]
        command = "npx"
        args = [
          "-y",   # always the latest
          "docs-mcp",
        ]
        env = { DOCS_TOKEN = "docs-token-value" }

        [profiles.fast]
        model = "mimo-v2.5"

        """

    /// The provider as an inline table, no trailing newline, CRLF line ends.
    static let inlineProviderCRLF = "model_provider = \"custom\"\r\nmodel = \"mimo-v2.5-pro\"\r\n\r\n[model_providers]\r\n"
        + "custom = { name = \"xiaomi_mimo\", base_url = \"https://token-plan-cn.xiaomimimo.com/v1\" }\r\n"
        + "other = { name = \"x\", base_url = \"https://example.com/v1\" }"

    /// auth.json as cc-switch writes it (pretty, sorted keys).
    static func auth(_ key: String) -> String {
        "{\n  \"OPENAI_API_KEY\": \"\(key)\"\n}"
    }
}
