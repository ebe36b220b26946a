"""Add/edit dialogs of the registry, one module per dialog, on the shared form in ``form``."""
