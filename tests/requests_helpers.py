"""Shared set-up for the service-request tests: a catalogue, a station and a request factory."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select

from xhdesk.data.core.store import Store
from xhdesk.data.models import Station
from xhdesk.data.models.requests import Department, ServiceKind, ServiceRequest
from xhdesk.data.requests import catalogue, intake


def seed_catalogue(store: Store) -> dict[str, Any]:
    """The default catalogue plus one station S07; returns ids by name."""
    catalogue.install_default_catalogue(store)
    with store.unit_of_work() as uow:
        uow.add(
            Station(
                id="st-07", code="S07", name="城东暖蜂驿站", kind="warm_bee", phone="0523-83000007"
            )
        )
    with store.session() as session:
        kinds = {k.name: k for k in session.exec(select(ServiceKind)).all()}
        depts = {d.name: d for d in session.exec(select(Department)).all()}
    return {"kinds": kinds, "depts": depts, "station_id": "st-07"}


def new_request(
    store: Store,
    seed: dict[str, Any],
    kind: str = "政策咨询",
    at: datetime | None = None,
    **values: Any,
) -> ServiceRequest:
    data = {
        "kind_id": seed["kinds"][kind].id,
        "station_id": seed["station_id"],
        "requester_name": "张小兵",
        "requester_phone": "13812345678",
        "description": "咨询灵活就业社保补贴",
        "accepted_at": at,
        **values,
    }
    return intake.take_request(store, data, author="值班员")
