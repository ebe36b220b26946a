"""The fields of a receipt (受理回执), for the printing issue to render."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import mask_phone
from xhdesk.data.core.vocab import label
from xhdesk.data.models import Station
from xhdesk.data.models.requests import Department, ServiceKind, ServiceRequest
from xhdesk.data.requests.flow import find_request
from xhdesk.data.requests.queries import department_expr, due_expr
from xhdesk.data.requests.vocab import CHANNELS, DEFAULT_HOTLINE, URGENCIES


def receipt_fields(store: Store, number: str) -> dict[str, Any]:
    """Everything a 受理回执 shows. Raises NotFoundError for an unknown number.

    Keys: number, requester_name, requester_phone (masked), kind, station, channel, urgency,
    accepted_at (datetime), due_on (date), description, department, hotline.
    """
    with store.session() as session:
        request = find_request(session, number)
        due, department_id = session.execute(
            sa.select(due_expr(), department_expr()).where(col(ServiceRequest.id) == request.id)
        ).one()
        kind = session.get(ServiceKind, request.kind_id)
        station = session.get(Station, request.station_id) if request.station_id else None
        department = session.get(Department, department_id) if department_id else None
        hotline = store.local_state().get("service_hotline") or (
            station.phone if station is not None and station.phone else DEFAULT_HOTLINE
        )
        return {
            "number": request.number,
            "requester_name": request.requester_name,
            "requester_phone": mask_phone(request.requester_phone),
            "kind": kind.name if kind is not None else "",
            "station": station.name if station is not None else store.node_name,
            "channel": label(CHANNELS, request.channel),
            "urgency": label(URGENCIES, request.urgency),
            "accepted_at": request.accepted_at,
            "due_on": due,
            "description": request.description,
            "department": department.name if department is not None else "",
            "hotline": hotline,
        }
