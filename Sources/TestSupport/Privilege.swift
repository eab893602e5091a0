import Glibc
import Testing

extension Trait where Self == ConditionTrait {
    /// For a test that only means something when file modes bind the caller (root reads a file of
    /// mode 000). Such suites are named `…UnprivilegedTests`: when the tests run as root (as in CI),
    /// `scripts/test` runs those suites again as the user `nobody`, so they are never skipped silently.
    public static var unprivileged: Self {
        .enabled(if: geteuid() != 0, "root ignores file modes; scripts/test runs this suite again as nobody")
    }

    /// For a test that needs root (it switches to another user); its unprivileged counterpart covers
    /// the same behaviour from the other side.
    public static var root: Self {
        .enabled(if: geteuid() == 0, "needs root to act as another user; CI runs as root")
    }
}
