import Testing
@testable import DaemonConfiguration

/// `--v2.5-pro`, passed by the argument parser as flags["v2.5-pro"] = "true".
@Suite struct ProModelFlagTests {
    @Test func proModelFlagSetsTheModel() {
        let resolution = Resolution(environment: ["MIMO_MODEL": "mimo-v2.5"], toml: "model = \"mimo-v2.5\"")
        #expect(resolution.settings?.model == "mimo-v2.5")
        let pro = Resolution(flags: ["v2.5-pro": "true"], environment: ["MIMO_MODEL": "mimo-v2.5"])
        #expect(pro.issues.isEmpty)
        #expect(pro.settings?.model == "mimo-v2.5-pro")
        #expect(pro.settings?.source(of: "model") == .flag(name: "--v2.5-pro"))
        let off = Resolution(flags: ["v2.5-pro": "false"], environment: ["MIMO_MODEL": "mimo-v2.5"])
        #expect(off.settings?.model == "mimo-v2.5")
        #expect(off.settings?.source(of: .model) == .environment(name: "MIMO_MODEL"))
    }

    @Test func proModelFlagConflictsWithADifferentModelFlag() {
        let conflict = Resolution(flags: ["v2.5-pro": "true", "model": "mimo-v2.5"])
        #expect(conflict.errors == ["flag --v2.5-pro: conflicts with --model mimo-v2.5; pass only one of them"])
        let agreeing = Resolution(flags: ["v2.5-pro": "true", "model": "v2.5-pro"])
        #expect(agreeing.issues.isEmpty)
        #expect(agreeing.settings?.model == "mimo-v2.5-pro")
    }

    @Test func proModelFlagNeedsABoolean() {
        let resolution = Resolution(flags: ["v2.5-pro": "please"])
        #expect(resolution.errors == ["flag --v2.5-pro: value 'please' is not a boolean; use true/false, 1/0, yes/no or on/off"])
    }
}
