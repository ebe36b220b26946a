"""Documents composed from the data layer for the printing layer (above both, below UI and CLI)."""
