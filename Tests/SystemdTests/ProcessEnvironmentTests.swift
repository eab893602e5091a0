import Testing

/// Tests that change the process environment (NOTIFY_SOCKET, WATCHDOG_*) or spawn processes, which read
/// it. setenv racing another thread's getenv or fork is undefined behaviour, so every such test is nested
/// here and runs one at a time.
@Suite(.serialized) enum ProcessEnvironmentTests {}
