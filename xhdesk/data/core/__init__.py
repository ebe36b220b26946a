"""Shared pieces of the domain core: store, unit of work, clock, encoding, errors, validation."""
