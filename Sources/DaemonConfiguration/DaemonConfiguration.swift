// DaemonConfiguration: see docs/ARCHITECTURE.md
