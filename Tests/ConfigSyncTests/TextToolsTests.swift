@testable import ConfigSync
import ResponsesTranslation
import Testing

@Suite struct UnifiedDiffTests {
    /// On random small texts: the script rebuilds the new text from the old, keeps a longest common
    /// subsequence (a shortest edit), and puts deletions before insertions within a change.
    @Test func theEditScriptIsAShortestOneInDiffOrder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...12, using: &generator)).map { _ in UnifiedDiff.Line(text: Substring(["a", "b", "c", "d"].randomElement(using: &generator)!), hasNewline: true) }
            let new = (0..<Int.random(in: 0...12, using: &generator)).map { _ in UnifiedDiff.Line(text: Substring(["a", "b", "c", "d"].randomElement(using: &generator)!), hasNewline: true) }
            let script = UnifiedDiff.editScript(old, new)
            var rebuilt: [UnifiedDiff.Line] = []
            var keeps = 0
            var previous: UnifiedDiff.Operation?
            for operation in script {
                switch operation {
                case .keep(let x, let y):
                    #expect(old[x] == new[y])
                    rebuilt.append(new[y])
                    keeps += 1
                case .insert(let y): rebuilt.append(new[y])
                case .delete:
                    if case .insert? = previous { Issue.record("a deletion after an insertion: \(script)") }
                }
                previous = operation
            }
            #expect(rebuilt == new)
            #expect(keeps == Self.longestCommonSubsequence(old, new))
        }
    }

    static func longestCommonSubsequence(_ a: [UnifiedDiff.Line], _ b: [UnifiedDiff.Line]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices.reversed() {
            for j in b.indices.reversed() {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.make(from: "a\nb\n", to: "a\nb\n", oldLabel: "x", newLabel: "x").isEmpty)
    }

    @Test func showsAChangeWithThreeLinesOfContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(UnifiedDiff.make(from: old, to: new, oldLabel: "a/f", newLabel: "b/f") == """
            --- a/f
            +++ b/f
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test func separatesDistantChangesIntoHunksAndMarksMissingNewlines() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n")
        let new = "l0\n" + old.replacingOccurrences(of: "l20", with: "l20!")
        #expect(UnifiedDiff.make(from: old, to: new, oldLabel: "f", newLabel: "f") == """
            --- f
            +++ f
            @@ -1,3 +1,4 @@
            +l0
             l1
             l2
             l3
            @@ -17,4 +18,4 @@
             l17
             l18
             l19
            -l20
            \\ No newline at end of file
            +l20!
            \\ No newline at end of file

            """)
    }

    @Test func diffsFromAndToEmptyFiles() {
        #expect(UnifiedDiff.make(from: "", to: "a\n", oldLabel: "/dev/null", newLabel: "f") == "--- /dev/null\n+++ f\n@@ -0,0 +1,1 @@\n+a\n")
        #expect(UnifiedDiff.make(from: "a\n", to: "", oldLabel: "f", newLabel: "f") == "--- f\n+++ f\n@@ -1,1 +0,0 @@\n-a\n")
    }
}

/// Diffs and reports hide keys with the shared policy: known secrets and key-shaped tokens keep only
/// a plan prefix (`ttp-` included, which an older copy cut to `ttp`).
@Suite struct DiffRedactionTests {
    @Test func knownAndKeyShapedSecretsKeepOnlyTheirPlanPrefix() {
        let text = SecretRedaction.redacting(
            "a = \"opaque-secret-value\"\nb = \"sk-abcdefghijklmnop\"\nc = tp-short\nd = \"ttp-0123456789abc\"",
            known: ["opaque-secret-value"])
        #expect(text == "a = \"…\"\nb = \"sk-…\"\nc = tp-short\nd = \"ttp-…\"")
    }
}

@Suite struct JSONTextTests {
    @Test func editsInsideAJSONStringKeepEveryOtherEscape() throws {
        let json = #"{"config":"a = \"x\"\nurl = \"https:\/\/api.example\/v1\"\nk = \"\u00e9\"\n","z":1}"#
        let bytes = Array(json.utf8)
        let member = try #require(try JSONMembers.locate(in: bytes).member("config"))
        let decoded = try JSONStringText.decode(bytes, range: member.valueRange)
        #expect(decoded.text == "a = \"x\"\nurl = \"https://api.example/v1\"\nk = \"é\"\n")
        let layout = try TOMLScanner.layout(of: decoded.text)
        let entry = try #require(layout.entry(["url"]))
        let edit = TOMLEdits(layout).replaceValue(of: entry, with: "\"http://127.0.0.1:9876/v1\"")
        let edited = String(decoding: decoded.sourceEdits([edit]).applied(to: bytes), as: UTF8.self)
        #expect(edited == #"{"config":"a = \"x\"\nurl = \"http://127.0.0.1:9876/v1\"\nk = \"\u00e9\"\n","z":1}"#)
    }
}
