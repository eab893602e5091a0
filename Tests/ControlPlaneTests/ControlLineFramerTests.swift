import ControlPlane
import PropertyBased
import Testing

@Suite struct ControlLineFramerTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func splitsLinesAndDropsCarriageReturns() {
        var framer = ControlLineFramer()
        #expect(framer.receive(bytes("a\nbc\r\n\nd")) == [.line(bytes("a")), .line(bytes("bc")), .line([])])
        #expect(framer.receive(bytes("e\n")) == [.line(bytes("de"))])
        #expect(framer.finish() == nil)
    }

    @Test func finishReturnsATrailingLineWithoutNewline() {
        var framer = ControlLineFramer()
        #expect(framer.receive(bytes("x\ny\r")) == [.line(bytes("x"))])
        #expect(framer.finish() == .line(bytes("y")))
        #expect(framer.finish() == nil, "finish resets the framer")
    }

    @Test func aTooLongLineIsReportedOnceThenTheNextLineIsRead() {
        var framer = ControlLineFramer(maxLineLength: 4)
        var events = framer.receive(bytes("ok\n123456"))
        events += framer.receive(bytes("789"))
        events += framer.receive(bytes("0000\nnext\n"))
        #expect(events == [.line(bytes("ok")), .tooLong, .line(bytes("next"))])
    }

    @Test func aLineOfExactlyTheLimitIsAcceptedWithOrWithoutCarriageReturn() {
        var framer = ControlLineFramer(maxLineLength: 4)
        #expect(framer.receive(bytes("1234\n1234\r\n12345\n12345\r\n")) ==
            [.line(bytes("1234")), .line(bytes("1234")), .tooLong, .tooLong])
    }

    @Test func aTooLongTrailingLineIsReportedOnce() {
        var framer = ControlLineFramer(maxLineLength: 2)
        #expect(framer.receive(bytes("abc")) == [])
        #expect(framer.finish() == .tooLong)
        var discarding = ControlLineFramer(maxLineLength: 2)
        #expect(discarding.receive(bytes("abcdef")) == [.tooLong])
        #expect(discarding.finish() == nil, "already reported")
    }

    /// Any split of the input into chunks gives the same events as feeding it at once.
    @Test func eventsDoNotDependOnHowTheInputIsSplit() async {
        let inputs = Generator<([UInt8], [Int]), Shrink.None<([UInt8], [Int])>>(run: { rng in
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                // Short lines, lines around the limit and long ones, with \n or \r\n, some with stray \r.
                let length = [0, 1, 7, 8, 9, 10, 30][Int.random(in: 0..<7, using: &rng)]
                for _ in 0..<length {
                    input.append([UInt8(ascii: "a"), UInt8(ascii: "{"), UInt8(ascii: "\r"), 0xC3][Int.random(in: 0..<4, using: &rng)])
                }
                if Bool.random(using: &rng) { input.append(UInt8(ascii: "\r")) }
                if Int.random(in: 0..<8, using: &rng) > 0 { input.append(UInt8(ascii: "\n")) }
            }
            var cuts: [Int] = []
            for _ in 0..<Int.random(in: 0...8, using: &rng) { cuts.append(Int.random(in: 0...input.count, using: &rng)) }
            return (input, cuts.sorted())
        })
        await propertyCheck(count: 300, input: inputs) { input, cuts in
            var whole = ControlLineFramer(maxLineLength: 8)
            var expected = whole.receive(input)
            if let last = whole.finish() { expected.append(last) }

            var chunked = ControlLineFramer(maxLineLength: 8)
            var events: [ControlLineFramer.Event] = []
            var start = 0
            for cut in cuts + [input.count] {
                events += chunked.receive(input[start..<cut])
                start = cut
            }
            if let last = chunked.finish() { events.append(last) }
            #expect(events == expected)

            var byteByByte = ControlLineFramer(maxLineLength: 8)
            var single: [ControlLineFramer.Event] = []
            for byte in input { single += byteByByte.receive(CollectionOfOne(byte)) }
            if let last = byteByByte.finish() { single.append(last) }
            #expect(single == expected)
        }
    }

    /// Each line comes out as it went in, whatever its content other than the newline.
    @Test func linesRoundTrip() async {
        let lines = Generator<[[UInt8]], Shrink.None<[[UInt8]]>>(run: { rng in
            (0..<Int.random(in: 0...10, using: &rng)).map { _ in
                var line = (0..<Int.random(in: 0...20, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                line.removeAll { $0 == UInt8(ascii: "\n") }
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
        })
        await propertyCheck(count: 200, input: lines) { lines in
            var framer = ControlLineFramer(maxLineLength: 64)
            let stream = lines.flatMap { $0 + [UInt8(ascii: "\n")] }
            #expect(framer.receive(stream) == lines.map { .line($0) })
        }
    }
}
