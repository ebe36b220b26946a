"""How values look in tables; the rules live in the data layer so exports show the same values."""

from __future__ import annotations

from xhdesk.data.core.listing import display_value as display
from xhdesk.data.core.listing import is_numeric

__all__ = ["display", "is_numeric"]
