import Testing
@testable import DaemonConfiguration

@Suite struct DefaultPathTests {
    @Test func configFileUsesXDGConfigHome() {
        #expect(ConfigurationFile.defaultPath(environment: ["HOME": "/home/ada", "XDG_CONFIG_HOME": "/cfg"])
            == "/cfg/ccmimolink/config.toml")
        #expect(ConfigurationFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/cfg/"])
            == "/cfg/ccmimolink/config.toml")
    }

    @Test func configFileFallsBackToHome() {
        #expect(ConfigurationFile.defaultPath(environment: ["HOME": "/home/ada"])
            == "/home/ada/.config/ccmimolink/config.toml")
        // XDG says to ignore empty and relative values.
        #expect(ConfigurationFile.defaultPath(environment: ["HOME": "/home/ada", "XDG_CONFIG_HOME": ""])
            == "/home/ada/.config/ccmimolink/config.toml")
        #expect(ConfigurationFile.defaultPath(environment: ["HOME": "/home/ada", "XDG_CONFIG_HOME": "cfg"])
            == "/home/ada/.config/ccmimolink/config.toml")
        #expect(ConfigurationFile.defaultPath(environment: ["HOME": "/"]) == "/.config/ccmimolink/config.toml")
        #expect(ConfigurationFile.defaultPath(environment: [:]) == "/.config/ccmimolink/config.toml")
    }

    @Test func stateDirectoryTakesTheFirstOfSystemdsList() {
        let resolution = Resolution(environment: ["STATE_DIRECTORY": "/var/lib/a:/var/lib/b"])
        #expect(resolution.settings?.stateDirectory == "/var/lib/a")
        #expect(resolution.settings?.source(of: .stateDirectory) == .environment(name: "STATE_DIRECTORY"))
        #expect(Resolution(environment: ["STATE_DIRECTORY": "/var/lib/only"]).settings?.stateDirectory
            == "/var/lib/only")
    }

    @Test func stateDirectoryDefaultsToXDGStateHomeThenHome() {
        #expect(Resolution(environment: ["XDG_STATE_HOME": "/st"]).settings?.stateDirectory == "/st/ccmimolink")
        let home = Resolution(environment: ["XDG_STATE_HOME": "relative"])
        #expect(home.settings?.stateDirectory == "/home/ada/.local/state/ccmimolink")
        #expect(home.settings?.source(of: .stateDirectory) == .defaultValue)
    }

    @Test func controlSocketFallsBackToTheStateDirectoryWithoutARuntimeDirectory() {
        let resolution = Resolution(environment: ["HOME": "/home/ada"], replacingEnvironment: true)
        #expect(resolution.issues.isEmpty)
        #expect(resolution.settings?.controlSocketPath == "/home/ada/.local/state/ccmimolink/control.sock")
    }

    @Test func tooLongDefaultSocketPathIsAnErrorThatSaysWhatToSet() {
        let runtime = "/" + String(repeating: "r", count: 100)
        let resolution = Resolution(environment: ["XDG_RUNTIME_DIR": runtime])
        #expect(resolution.errors == ["""
            setting 'control_socket': the default '\(runtime)/ccmimolink/control.sock' is 125 bytes long; Unix \
            socket paths are limited to 107; set control_socket (CCMIMOLINK_CONTROL_SOCKET or --control-socket) \
            to a shorter path
            """])
    }

    @Test func missingHomeIsAnErrorOnlyForDefaultsThatNeedIt() {
        let withoutHome = Resolution(environment: ["XDG_RUNTIME_DIR": "/run/user/1"], replacingEnvironment: true)
        #expect(withoutHome.settings == nil)
        #expect(withoutHome.errors.count == 4)
        #expect(withoutHome.errors.first == """
            setting 'state_directory': HOME is not set, so the default location cannot be derived; set \
            state_directory (STATE_DIRECTORY or --state-directory) to an absolute path
            """)

        let everythingGiven = Resolution(
            environment: ["XDG_RUNTIME_DIR": "/run/user/1", "STATE_DIRECTORY": "/var/lib/c",
                          "CC_SWITCH_SETTINGS_PATH": "/c/s.json", "CC_SWITCH_DB_PATH": "/c/c.db",
                          "CODEX_CONFIG_PATH": "/c/config.toml"],
            replacingEnvironment: true)
        #expect(everythingGiven.issues.isEmpty)
        #expect(everythingGiven.settings != nil)
    }

    @Test func tildeWithoutHomeIsRefused() {
        let resolution = Resolution(environment: ["STATE_DIRECTORY": "/s", "CODEX_CONFIG_PATH": "~/c.toml"],
                                    replacingEnvironment: true)
        #expect(resolution.errors.contains(
            "environment variable CODEX_CONFIG_PATH: value '~/c.toml' starts with ~ but HOME is not set; write an absolute path"))
    }
}
