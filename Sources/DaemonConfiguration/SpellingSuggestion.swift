/// "Did you mean …?" for misspelt setting names and values.
enum SpellingSuggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo: at most one
    /// edit per four characters (at least one, at most three). Case, and `-` versus `_`, are
    /// ignored, so `MAX-CONCURRENT` finds `max_concurrent`.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let normalizedWord = normalize(word)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(normalizedWord, normalize(candidate))
            let allowed = min(3, max(1, candidate.count / 4))
            guard distance <= allowed else { continue }
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    private static func normalize(_ text: String) -> [Character] {
        text.lowercased().map { $0 == "-" ? "_" : $0 }
    }

    /// Optimal string alignment distance: Levenshtein plus adjacent transpositions, the most common
    /// typo (`prot` for `port`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
