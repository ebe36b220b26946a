"""Domain core: tables, storage, services and sync. Imports no Qt."""
