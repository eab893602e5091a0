/// `diff -u` output for two texts: the shortest edit script over lines, hunks with three lines of
/// context, and `\ No newline at end of file` markers. Used for dry runs and reports, where the
/// inputs are configuration files and an exact, familiar format matters more than speed.
enum UnifiedDiff {
    /// Past this many lines in all the diff is shown as one whole-file replacement: still correct,
    /// and it keeps the edit search's time and memory bounded (it grows with the square of the
    /// differences) for large files that share nothing.
    static let maximumLines = 8_000

    /// An empty string when the texts are equal.
    static func make(from old: String, to new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let oldLines = Line.split(old)
        let newLines = Line.split(new)
        let operations = editScript(oldLines, newLines)
        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks(operations, context: context) {
            output += render(hunk, operations: operations, oldLines: oldLines, newLines: newLines)
        }
        return output
    }

    struct Line: Equatable {
        var text: Substring
        var hasNewline: Bool

        static func split(_ text: String) -> [Line] {
            var lines: [Line] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                if let newline = rest.firstIndex(of: "\n") {
                    lines.append(Line(text: rest[..<newline], hasNewline: true))
                    rest = rest[rest.index(after: newline)...]
                } else {
                    lines.append(Line(text: rest, hasNewline: false))
                    rest = rest[rest.endIndex...]
                }
            }
            return lines
        }
    }

    enum Operation: Equatable {
        case keep(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)
    }

    /// The shortest edit script, from the standard library's `difference(from:)` (Myers), put in
    /// `diff -u` order: within a change, deletions before insertions.
    static func editScript(_ old: [Line], _ new: [Line]) -> [Operation] {
        guard old.count + new.count <= maximumLines else {
            return old.indices.map { .delete(old: $0) } + new.indices.map { .insert(new: $0) }
        }
        let difference = new.difference(from: old)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = []
        var x = 0, y = 0
        while x < old.count || y < new.count {
            if x < old.count, removed.contains(x) {
                operations.append(.delete(old: x))
                x += 1
            } else if y < new.count, inserted.contains(y) {
                operations.append(.insert(new: y))
                y += 1
            } else {
                operations.append(.keep(old: x, new: y))
                x += 1
                y += 1
            }
        }
        return operations
    }

    /// Ranges of operation indices, each a change with its context; changes closer than twice the
    /// context share a hunk.
    private static func hunks(_ operations: [Operation], context: Int) -> [Range<Int>] {
        let changed = operations.indices.filter {
            if case .keep = operations[$0] { return false }
            return true
        }
        var result: [Range<Int>] = []
        var index = 0
        while index < changed.count {
            var last = changed[index]
            var next = index + 1
            while next < changed.count, changed[next] - last <= 2 * context {
                last = changed[next]
                next += 1
            }
            let start = max(0, changed[index] - context)
            let end = min(operations.count, last + context + 1)
            result.append(start..<end)
            index = next
        }
        return result
    }

    private static func render(_ hunk: Range<Int>, operations: [Operation], oldLines: [Line], newLines: [Line]) -> String {
        var oldCount = 0, newCount = 0
        var oldStart: Int?, newStart: Int?
        var body = ""
        // Lines before the hunk, for the start numbers of an empty side.
        var oldBefore = 0, newBefore = 0
        for operation in operations[..<hunk.lowerBound] {
            switch operation {
            case .keep: oldBefore += 1; newBefore += 1
            case .delete: oldBefore += 1
            case .insert: newBefore += 1
            }
        }
        func append(_ prefix: String, _ line: Line) {
            body += prefix + line.text + "\n"
            if !line.hasNewline { body += "\\ No newline at end of file\n" }
        }
        for operation in operations[hunk] {
            switch operation {
            case .keep(let old, let new):
                oldStart = oldStart ?? old + 1
                newStart = newStart ?? new + 1
                oldCount += 1
                newCount += 1
                append(" ", oldLines[old])
            case .delete(let old):
                oldStart = oldStart ?? old + 1
                oldCount += 1
                append("-", oldLines[old])
            case .insert(let new):
                newStart = newStart ?? new + 1
                newCount += 1
                append("+", newLines[new])
            }
        }
        let oldHeader = oldCount == 0 ? "\(oldBefore),0" : "\(oldStart ?? 1),\(oldCount)"
        let newHeader = newCount == 0 ? "\(newBefore),0" : "\(newStart ?? 1),\(newCount)"
        return "@@ -\(oldHeader) +\(newHeader) @@\n" + body
    }
}
