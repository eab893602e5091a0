#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Seconds since 1970, for the `created` field of completions.
enum UnixTime {
    static func now() -> Int { Int(Date().timeIntervalSince1970) }
}
