/// The Prometheus text format as a scraper reads it, strictly: a line that is not a comment, a blank
/// or `name{label="value",…} number` fails the parse instead of being skipped.
struct PrometheusExposition {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var description: String { "not Prometheus text: \(line)" }
    }

    var help: [String: String] = [:]
    var types: [String: String] = [:]
    var samples: [Sample] = []

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw Malformed(line: line) }
                // One HELP and one TYPE line per family.
                if line.hasPrefix("# HELP ") {
                    guard help.updateValue(parts[1], forKey: parts[0]) == nil else { throw Malformed(line: line) }
                } else {
                    guard types.updateValue(parts[1], forKey: parts[0]) == nil else { throw Malformed(line: line) }
                }
            } else if line.hasPrefix("#") {
                continue
            } else {
                samples.append(try Self.sample(line))
            }
        }
    }

    private static func sample(_ line: String) throws -> Sample {
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
            throw Malformed(line: line)
        }
        let series = line[..<space]
        guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
        guard series.hasSuffix("}") else { throw Malformed(line: line) }
        var labels: [String: String] = [:]
        var rest = series[series.index(after: brace)..<series.index(before: series.endIndex)]
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "="), rest[rest.index(after: equals)...].hasPrefix("\"") else {
                throw Malformed(line: line)
            }
            let name = String(rest[..<equals])
            var value = ""
            var index = rest.index(equals, offsetBy: 2)
            var closed = false
            while index < rest.endIndex {
                let character = rest[index]
                index = rest.index(after: index)
                if character == "\"" { closed = true; break }
                if character == "\\", index < rest.endIndex {
                    value.append(rest[index] == "n" ? "\n" : rest[index])
                    index = rest.index(after: index)
                } else {
                    value.append(character)
                }
            }
            guard closed, labels[name] == nil else { throw Malformed(line: line) }
            labels[name] = value
            rest = rest[index...]
            if rest.hasPrefix(",") { rest = rest.dropFirst() } else if !rest.isEmpty { throw Malformed(line: line) }
        }
        return Sample(name: String(series[..<brace]), labels: labels, value: value)
    }

    /// The value of the one sample with this name and exactly these labels.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matches = samples.filter { $0.name == name && $0.labels == labels }
        return matches.count == 1 ? matches[0].value : nil
    }

    /// The family a sample line belongs to: a histogram's `_bucket`, `_sum` and `_count` lines belong to it.
    func family(of sample: Sample) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where sample.name.hasSuffix(suffix) {
            let base = String(sample.name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return sample.name
    }
}
