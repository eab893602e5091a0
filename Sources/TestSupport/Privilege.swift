// Swift Testing is on the search path only when tests are built: a plain `swift build` of every
// target (release included) compiles this module without it.
#if canImport(Testing)
import Glibc
import Testing

extension Trait where Self == ConditionTrait {
    /// For a test that only means something when file modes bind the caller (root reads a file of
    /// mode 000). Such suites are named `…UnprivilegedTests`: when the tests run as root (as in CI),
    /// `scripts/test` runs those suites again as the user `nobody`, so they are never skipped silently.
    public static var unprivileged: Self {
        .enabled(if: geteuid() != 0, "root ignores file modes; scripts/test runs this suite again as nobody")
    }
}
#endif
