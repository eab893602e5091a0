// ResponseStore: see docs/ARCHITECTURE.md
