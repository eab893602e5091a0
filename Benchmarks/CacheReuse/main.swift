import Foundation
import ResponsesTranslation
import SessionReplay

// Prompt-cache reuse over a recorded Codex session (Tests/Fixtures/sessions). Not a test; run:
//   swift run -c release CacheReuseBenchmark                 (the recorded session's table, every scenario's totals)
//   swift run -c release CacheReuseBenchmark --by-turn       (the recorded session's table, a row per turn)
//   swift run -c release CacheReuseBenchmark --all           (every request of every scenario)
//   swift run -c release CacheReuseBenchmark --session FILE  (another recording, from record-session)

let arguments = CommandLine.arguments
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let sessionPath = arguments.firstIndex(of: "--session").map { arguments[$0 + 1] }
    ?? packageRoot.appendingPathComponent("Tests/Fixtures/sessions/codex-session.json").path
let showAll = arguments.contains("--all")
let byTurn = arguments.contains("--by-turn")

let session: RecordedSession
do {
    let data = try Data(contentsOf: URL(fileURLWithPath: sessionPath))
    session = try RecordedSession(fixture: try JSONValue.parse(Array(data)))
} catch {
    FileHandle.standardError.write(Data("CacheReuseBenchmark: cannot read \(sessionPath): \(error)\n".utf8))
    exit(1)
}

func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "–" }
    return String(format: "%.1f %%", Double(part) * 100 / Double(whole))
}

func short(_ model: String) -> String { model.hasPrefix("mimo-") ? String(model.dropFirst(5)) : model }

func table(_ rows: [PrefixReuse], refused: [Int: [String]] = [:]) {
    print("| # | turn | model | prompt bytes | reusable bytes | best bytes | reusable ≈ tokens | best ≈ tokens | |")
    print("|---|---|---|---|---|---|---|---|---|")
    let restartTurns = Set(session.turns.filter(\.daemonRestartedBefore).map(\.number))
    let imageTurns = Set(session.turns.filter { $0.image != nil }.map(\.number))
    var seenTurns: Set<Int> = []
    for row in rows {
        var marks: [String] = []
        if seenTurns.insert(row.turn).inserted {
            if restartTurns.contains(row.turn) { marks.append("after a daemon restart") }
            if imageTurns.contains(row.turn) { marks.append("image") }
        }
        if let models = refused[row.request] { marks.append("\(models.map(short).joined(separator: ", ")) refused the image first") }
        if !row.clientExtended && row.request > 1 { marks.append("Codex did not extend its previous request") }
        if !row.isBest { marks.append("**below best**") }
        print("| \(row.request) | \(row.turn) | \(short(row.model)) | \(row.promptBytes) "
              + "| \(row.reusableBytes) (\(percent(row.reusableBytes, of: row.promptBytes))) "
              + "| \(row.bestBytes) (\(percent(row.bestBytes, of: row.promptBytes))) "
              + "| \(CachePrompt.estimatedTokens(bytes: row.reusableBytes)) | \(CachePrompt.estimatedTokens(bytes: row.bestBytes)) "
              + "| \(marks.joined(separator: "; ")) |")
    }
}

/// One row per turn: its requests' bytes added up.
func turnTable(_ rows: [PrefixReuse]) {
    print("| turn | requests | models | prompt bytes | reusable bytes | best bytes | reusable ≈ tokens | best ≈ tokens | |")
    print("|---|---|---|---|---|---|---|---|---|")
    for turn in session.turns {
        let own = rows.filter { $0.turn == turn.number }
        guard !own.isEmpty else { continue }
        let prompt = own.reduce(0) { $0 + $1.promptBytes }, reusable = own.reduce(0) { $0 + $1.reusableBytes }
        let best = own.reduce(0) { $0 + $1.bestBytes }
        var marks: [String] = []
        if turn.daemonRestartedBefore { marks.append("after a daemon restart") }
        if turn.image != nil { marks.append("image") }
        if own.contains(where: { !$0.isBest }) { marks.append("**below best**") }
        var models: [String] = []
        for row in own where !models.contains(short(row.model)) { models.append(short(row.model)) }
        print("| \(turn.number) | \(own.count) | \(models.joined(separator: ", ")) | \(prompt) "
              + "| \(reusable) (\(percent(reusable, of: prompt))) | \(best) (\(percent(best, of: prompt))) "
              + "| \(CachePrompt.estimatedTokens(bytes: reusable)) | \(CachePrompt.estimatedTokens(bytes: best)) | \(marks.joined(separator: "; ")) |")
    }
}

func totals(_ name: String, _ rows: [PrefixReuse]) -> String {
    let prompt = rows.reduce(0) { $0 + $1.promptBytes }, reusable = rows.reduce(0) { $0 + $1.reusableBytes }
    let best = rows.reduce(0) { $0 + $1.bestBytes }
    let below = rows.filter { !$0.isBest }.count
    let models = Set(rows.map(\.model)).sorted().map(short).joined(separator: ", ")
    let cost = ListPrices.inputCost(rows) { $0.reusableBytes }, bestCost = ListPrices.inputCost(rows) { $0.bestBytes }
    let noCache = ListPrices.inputCost(rows) { _ in 0 }
    return "| \(name) | \(models) | \(prompt) (≈ \(CachePrompt.estimatedTokens(bytes: prompt))) "
        + "| \(reusable) (\(percent(reusable, of: prompt))) | \(best) (\(percent(best, of: prompt))) | \(below) "
        + "| $\(String(format: "%.4f", cost)) / $\(String(format: "%.4f", bestCost)) / $\(String(format: "%.4f", noCache)) |"
}

print("Session: Codex \(session.codexVersion), \(session.turns.count) turns, \(session.requests.count) Codex requests, "
      + "\(session.upstream.count) MiMo requests while recording (\(session.upstream.filter { $0.status != 200 }.count) refused); "
      + "MiMo text-only while recording: \(session.textOnlyModels.sorted().joined(separator: ", ")).")

do {
    let textOnly = session.textOnlyModels
    let text = ModelDefaults.text
    let live = try SessionMeasurement.live(session)
    let switching = try SessionMeasurement.replay(session, textOnly: textOnly)
    let notes = try SessionMeasurement.replay(session, textOnly: textOnly,
                                              options: TranslationOptions(visionModel: text, lineup: ModelLineup(refusedImages: textOnly)))
    let images = try SessionMeasurement.replay(session, textOnly: [])

    var refusedLive: [Int: [String]] = [:]
    var answered = 0, pending: [String] = []
    for request in session.upstream {
        if request.status == 200 {
            answered += 1
            if !pending.isEmpty { refusedLive[answered] = pending }
            pending = []
        } else {
            pending.append(request.model)
        }
    }

    print("\n### What the daemon sent while recording\n")
    if byTurn { turnTable(live) } else { table(live, refused: refusedLive) }
    print("\n### Totals\n")
    print("| scenario | models | prompt bytes (≈ tokens) | reusable | best possible | requests below best | input cost at list prices: reusable / best / no cache |")
    print("|---|---|---|---|---|---|---|")
    print(totals("recorded (\(textOnly.sorted().map(short).joined(separator: ", ")) text-only; image turns to the vision model)", live))
    print(totals("replay, the same", switching.rows))
    print(totals("replay, \(textOnly.sorted().map(short).joined(separator: ", ")) text-only, images kept as notes on \(short(text))", notes.rows))
    print(totals("replay, every model takes images", images.rows))
    if showAll {
        for (name, rows) in [("Replay, image turns to the vision model", switching.rows), ("Replay, images as notes", notes.rows),
                             ("Replay, every model takes images", images.rows)] {
            print("\n### \(name)\n")
            table(rows)
        }
    }

    // The replay stands for the daemon only if it sends what the daemon sent.
    let differing = zip(switching.sent, session.upstream.filter { $0.status == 200 }).enumerated().filter { _, pair in
        CachePrompt(upstreamBody: pair.0.body) != CachePrompt(upstreamBody: pair.1.body)
    }.map { $0.offset + 1 }
    print("\nReplay vs recording: " + (differing.isEmpty ? "every request's model, tools and messages are byte-identical."
                                        : "requests \(differing) differ (the translator changed since the recording)."))
    let rejected = (switching.sent + notes.sent + images.sent).filter { $0.rejection != nil }.count
    if rejected > 0 { print("MiMo's rules reject \(rejected) replayed request(s).") }
} catch {
    FileHandle.standardError.write(Data("CacheReuseBenchmark: \(error)\n".utf8))
    exit(1)
}
