#if canImport(Glibc)
import Glibc
#endif
import ResponsesTranslation

/// The body to break down: `--body FILE` (e.g. one the bridge benchmark sends), else a 2 MB history.
func breakdownBody() -> [UInt8] {
    guard let i = CommandLine.arguments.firstIndex(of: "--body"), i + 1 < CommandLine.arguments.count else {
        return CodexHistory.body(targetBytes: 2 * 1_048_576)
    }
    let path = CommandLine.arguments[i + 1]
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if n == 0 { break }
        bytes += chunk[0..<n]
    }
    return bytes
}

@MainActor func breakdown() {
    let body = breakdownBody()
    let options = TranslationOptions(activeModel: "mimo-v2.6-pro")
    var p: [Double] = [], d: [Double] = [], t: [Double] = [], s: [Double] = [], f: [Double] = []
    for _ in 0..<30 {
        var a = clock.now
        let parsed = try! JSONValue.parse(body); p.append(milliseconds(clock.now - a)); a = clock.now
        let req = try! ResponsesRequest.decode(parsed); d.append(milliseconds(clock.now - a)); a = clock.now
        let tr = RequestTranslator.translate(req, options: options); t.append(milliseconds(clock.now - a)); a = clock.now
        _ = tr.body.serializedBytes(capacity: body.count + body.count / 8); s.append(milliseconds(clock.now - a))
        a = clock.now
        // What MimoClient does: write into fixed memory the size of the client's body plus an eighth.
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: body.count + body.count / 8, alignment: 1)
        precondition(tr.body.write(into: memory) != nil)
        memory.deallocate()
        f.append(milliseconds(clock.now - a))
    }
    print("parse", percentile(p, 0.5), "decode", percentile(d, 0.5), "translate", percentile(t, 0.5), "encode", percentile(s, 0.5), "encode into fixed memory", percentile(f, 0.5))
}

@MainActor func streamBreakdown() {
    let payloads = ChunkStream.payloads(count: 10_000)
    let (catalog, _) = ToolCatalog.build(tools: CodexHistory.tools.arrayValue!, revealed: [])
    var parse: [Double] = [], decode: [Double] = [], receive: [Double] = [], write: [Double] = []
    for _ in 0..<10 {
        var a = clock.now
        let values = payloads.map { try! JSONValue.parse($0) }
        parse.append(milliseconds(clock.now - a) * 1000 / 10_000); a = clock.now
        let chunks = values.map(ChatChunk.decode)
        decode.append(milliseconds(clock.now - a) * 1000 / 10_000); a = clock.now
        var t = StreamTranslator(configuration: .init(createdAt: 0, model: "m", catalog: catalog))
        var events: [SequencedEvent] = []
        events.reserveCapacity(20_000)
        for c in chunks { events += t.receive(c) }
        events += t.finish()
        receive.append(milliseconds(clock.now - a) * 1000 / 10_000); a = clock.now
        var out: [UInt8] = []
        for e in events { e.writeSSE(into: &out) }
        write.append(milliseconds(clock.now - a) * 1000 / 10_000)
    }
    if CommandLine.arguments.contains("--decode-only") {
        let values = payloads.map { try! JSONValue.parse($0) }
        var best = Double.infinity
        for _ in 0..<200 {
            let a = clock.now
            var n = 0
            for v in values { n &+= ChatChunk.decode(v).content?.utf8.count ?? 0 }
            precondition(n >= 0)
            best = min(best, milliseconds(clock.now - a) * 1000 / 10_000)
        }
        print("decode best µs", best)
    }
    print("per chunk µs: parse", percentile(parse, 0.5), "decode", percentile(decode, 0.5), "receive", percentile(receive, 0.5), "write", percentile(write, 0.5))
}
