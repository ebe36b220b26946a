"""Shared widgets: table model, list tab, forms, workers, theme, messages."""
