import ResponsesTranslation
@MainActor func breakdown() {
    let body = CodexHistory.body(targetBytes: 2 * 1_048_576)
    let options = TranslationOptions(activeModel: "mimo-v2.5-pro")
    var p: [Double] = [], d: [Double] = [], t: [Double] = [], s: [Double] = []
    for _ in 0..<30 {
        var a = clock.now
        let parsed = try! JSONValue.parse(body); p.append(milliseconds(clock.now - a)); a = clock.now
        let req = try! ResponsesRequest.decode(parsed); d.append(milliseconds(clock.now - a)); a = clock.now
        let tr = RequestTranslator.translate(req, options: options); t.append(milliseconds(clock.now - a)); a = clock.now
        _ = tr.body.serializedBytes(); s.append(milliseconds(clock.now - a))
    }
    print("parse", percentile(p, 0.5), "decode", percentile(d, 0.5), "translate", percentile(t, 0.5), "encode", percentile(s, 0.5))
}
