"""Every table, imported here so that the metadata knows them all.

Feature modules add their tables in their own module and import it below.
"""

from sqlmodel import SQLModel

from xhdesk.data.models.awards import Award  # noqa: F401  (issue 6 tables)
from xhdesk.data.models.base import Entity, Event, MutableEntity, new_id
from xhdesk.data.models.nodes import Change, LocalState, Node, User
from xhdesk.data.models.points import PointRule  # noqa: F401  (issue 4 tables)
from xhdesk.data.models.registry import (
    Branch,
    Committee,
    Enterprise,
    EnterpriseVisit,
    Instructor,
    Person,
    Station,
    Verification,
)
from xhdesk.data.models import registry_indexes  # noqa: F401  (issue 3 indexes)
from xhdesk.data.models.service_requests import ServiceRequest  # noqa: F401  (issue 5 tables)
from xhdesk.data.models.sync import SyncConflict  # noqa: F401  (issue 7 tables)

metadata = SQLModel.metadata

__all__ = [
    "Branch",
    "Change",
    "Committee",
    "Enterprise",
    "EnterpriseVisit",
    "Entity",
    "Event",
    "Instructor",
    "LocalState",
    "MutableEntity",
    "Node",
    "Person",
    "Station",
    "User",
    "Verification",
    "metadata",
    "new_id",
    "synced_models",
]


def synced_models() -> dict[str, type[SQLModel]]:
    """Table name → model for every table that syncs (mutable or append-only)."""
    out: dict[str, type[SQLModel]] = {}
    for mapper in SQLModel._sa_registry.mappers:
        cls = mapper.class_
        if getattr(cls, "SYNC", "local") != "local" and hasattr(cls, "__table__"):
            out[cls.__tablename__] = cls
    return out
