// MimoUpstream: see docs/ARCHITECTURE.md
