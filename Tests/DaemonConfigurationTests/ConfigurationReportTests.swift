import Testing
@testable import DaemonConfiguration

@Suite struct ConfigurationReportTests {
    @Test func oneAlignedLinePerSettingWithItsSource() throws {
        let resolution = Resolution(
            flags: ["port": "9000", "v2.5-pro": "true"],
            environment: ["MIMO_PROXY_MAX_CONCURRENT": "2", "MIMO_API_KEY": "sk-abcdefghijklmnopqrstuvwxyz"],
            toml: "min_interval_ms = 250\nkeepalive_seconds = 5\n")
        let settings = try #require(resolution.settings)
        let file = Resolution.filePath
        #expect(ConfigurationReport.render(settings) == """
            listen                            127.0.0.1                               default
            allow_non_loopback                false                                   default
            port                              9000                                    flag --port
            mode                              standard                                default
            base_url                          (derived from mode)                     default
            model                             mimo-v2.5-pro                           flag --v2.5-pro
            vision_model                      mimo-v2.6-flash                         default
            api_key                           sk-…(len 29)                            environment MIMO_API_KEY
            max_concurrent                    2                                       environment MIMO_PROXY_MAX_CONCURRENT
            max_waiting                       512                                     default
            min_interval_ms                   250                                     file \(file)
            backoff_429_ms                    10000                                   default
            max_retries                       3                                       default
            keepalive_seconds                 5                                       file \(file)
            max_body_bytes                    67108864                                default
            upstream_connect_timeout_seconds  10                                      default
            upstream_idle_timeout_seconds     600                                     default
            max_output_tokens                 (not set)                               default
            store_max_responses               1000                                    default
            store_max_bytes                   268435456                               default
            state_directory                   /home/ada/.local/state/ccmimolink       default
            recover_text_tool_calls           true                                    default
            idle_exit_minutes                 15                                      default
            log_level                         info                                    default
            skip_cc_switch_sync               false                                   default
            cc_switch_settings_path           /home/ada/.cc-switch/settings.json      default
            cc_switch_db_path                 /home/ada/.cc-switch/cc-switch.db       default
            codex_config_path                 /home/ada/.codex/config.toml            default
            control_socket                    /run/user/1000/ccmimolink/control.sock  default
            usage_cost                        auto                                    default
            prices                            (Xiaomi's published prices)             default

            """)
    }
}
