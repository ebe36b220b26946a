"""Service requests (诉求): the 点单式 channel from the station desk to a department and back.

Modules: ``catalogue`` (kinds, departments, offerings), ``calendar`` (working days), ``intake``
(点单), ``flow`` (events and transitions), ``deadlines``, ``figures`` and ``receipt``.
"""

from xhdesk.data.requests.receipt import receipt_fields

__all__ = ["receipt_fields"]
