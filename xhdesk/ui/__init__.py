"""Qt widgets: a thin client of the services in ``xhdesk.data``."""
