// The parts of libsystemd that the Systemd module calls: readiness/watchdog/listener fds and the journal.
// The journal entries carry CODE_FILE/CODE_LINE/CODE_FUNC of the Swift caller, so libsystemd's macros that
// would add the C call site instead are turned off.
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
