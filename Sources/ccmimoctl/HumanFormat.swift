/// Small number formats for tables, without Foundation.
enum HumanFormat {
    /// 1536 → "1.5 KiB".
    static func bytes(_ count: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        if count < 1024 { return count == 1 ? "1 byte" : "\(count) bytes" }
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(oneDecimal(value)) \(units[unit])"
    }

    /// 7384 → "2h 03m"; 42.3 → "42s".
    static func uptime(_ seconds: Double) -> String {
        let total = Int(max(seconds, 0))
        let (days, hours, minutes, secs) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(twoDigits(minutes))m" }
        if minutes > 0 { return "\(minutes)m \(twoDigits(secs))s" }
        return "\(secs)s"
    }

    /// 30 → "30 s", 2.5 → "2.5 s".
    static func seconds(_ value: Double) -> String {
        let whole = Int(value)
        return Double(whole) == value ? "\(whole) s" : "\(oneDecimal(value)) s"
    }

    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Rows of "Label   value", the labels padded to one column.
struct TwoColumnTable {
    private(set) var rows: [(label: String, value: String)] = []

    mutating func add(_ label: String, _ value: String) { rows.append((label, value)) }

    /// Several values under one label: the label is printed on the first row only.
    mutating func add(_ label: String, values: [String]) {
        for (index, value) in values.enumerated() { add(index == 0 ? label : "", value) }
    }

    func rendered() -> String {
        let width = rows.map(\.label.count).max() ?? 0
        return rows.map { row in
            row.label + String(repeating: " ", count: width - row.label.count + 4) + row.value
        }.joined(separator: "\n")
    }
}
