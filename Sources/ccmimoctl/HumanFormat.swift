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

    /// Token counts: exact below 10,000, then 12.3K, 1.23M, 1.23B.
    static func tokens(_ n: Int) -> String {
        switch n {
        case ..<10_000: return String(n)
        case ..<1_000_000: return oneDecimal(Double(n) / 1000) + "K"
        case ..<1_000_000_000: return decimals(Double(n) / 1_000_000, 2) + "M"
        default: return decimals(Double(n) / 1_000_000_000, 2) + "B"
        }
    }

    /// 0.923 → "92%"; a share that is not zero never shows as 0% or 100%; nil → "-".
    static func share(_ value: Double?) -> String {
        guard let value else { return "-" }
        let percent = Int((value * 100).rounded())
        if percent == 0, value > 0 { return "<1%" }
        if percent == 100, value < 1 { return ">99%" }
        return "\(percent)%"
    }

    /// US dollars: cents from $1 on, four decimals below (a day of cached input costs fractions of a cent).
    static func dollars(_ value: Double) -> String {
        if value >= 1 { return "$" + decimals(value, 2) }
        if value > 0, value < 0.0001 { return "<$0.0001" }
        return "$" + decimals(value, 4)
    }

    /// A price per million tokens as published: 0.435 → "$0.435", 0.87 → "$0.87" (up to six decimals).
    static func price(_ value: Double) -> String {
        var text = decimals(value, 6)
        while text.hasSuffix("0"), !text.hasSuffix(".00") { text.removeLast() }
        return "$" + text
    }

    private static func decimals(_ value: Double, _ places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
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
