"""Every table, imported here so that the metadata knows them all.

Feature modules add their tables in their own module and import it below.
"""

from sqlmodel import SQLModel

# The capabilities' tables register themselves with the metadata when imported.
from xhdesk.data.models import (  # noqa: E402, F401
    activities,
    awards,
    development,
    governance,
    learning,
    points,
    registry_indexes,
    requests,
    showcase,
    sync,
    volunteering,
)
from xhdesk.data.models.base import Entity, Event, MutableEntity, new_id
from xhdesk.data.models.nodes import AuditEvent, Change, Credential, LocalState, Node, User
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

metadata = SQLModel.metadata

__all__ = [
    "AuditEvent",
    "Branch",
    "Change",
    "Committee",
    "Credential",
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
