import TOMLKit

/// TOMLKit's reading of a document: the judge of whether text is valid TOML and of what an edited
/// document really says. Nothing here writes TOML.
struct TOMLCheck {
    struct SyntaxProblem: Error, Sendable, Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    private let root: TOMLTable

    init(_ text: String) throws(SyntaxProblem) {
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SyntaxProblem(line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        } catch {
            throw SyntaxProblem(line: 0, column: 0, reason: String(describing: error))
        }
    }

    func string(at path: [String]) -> String? { value(at: path)?.string }

    func boolean(at path: [String]) -> Bool? { value(at: path)?.bool }

    func hasTable(at path: [String]) -> Bool { path.isEmpty || value(at: path)?.table != nil }

    private func value(at path: [String]) -> (any TOMLValueConvertible)? {
        var table = root
        for (index, component) in path.enumerated() {
            guard let value = table[component] else { return nil }
            if index == path.count - 1 { return value }
            guard let next = value.table else { return nil }
            table = next
        }
        return nil
    }
}
