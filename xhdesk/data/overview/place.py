"""The place an overview is computed for, and the SQL that keeps each table inside it.

The centre sees the whole city; a committee node its committee (its branches, enterprises,
stations, instructors and their persons); a branch node its branch; a station node its station.
A node whose registry row names no unit sees the whole city, as in ``points.scope``.

Each ``*_where(alias)`` returns a SQL condition on that table's alias, using the bound parameters
of :meth:`Place.params` (``:place_committee``, ``:place_branch``, ``:place_station``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xhdesk.data.core.store import Store
from xhdesk.data.models import Branch, Committee, Node, Station

CITY = "兴化市"


@dataclass(frozen=True)
class Place:
    role: str = "centre"  # centre / committee / branch / station (the unit that scopes)
    unit_id: str | None = None
    name: str = CITY

    @property
    def scoped(self) -> bool:
        return self.role != "centre" and self.unit_id is not None

    def params(self) -> dict[str, Any]:
        return {f"place_{self.role}": self.unit_id} if self.scoped else {}

    def _pick(self, committee: str, branch: str, station: str) -> str:
        if not self.scoped:
            return "1 = 1"
        return {"committee": committee, "branch": branch, "station": station}[self.role]

    def person_where(self, p: str) -> str:
        return self._pick(
            f"({p}.branch_id IN (SELECT id FROM branch WHERE committee_id = :place_committee)"
            f" OR {p}.enterprise_id IN"
            " (SELECT id FROM enterprise WHERE committee_id = :place_committee))",
            f"{p}.branch_id = :place_branch",
            f"{p}.station_id = :place_station",
        )

    def station_where(self, s: str) -> str:
        return self._pick(
            f"{s}.committee_id = :place_committee",
            f"{s}.id IN (SELECT station_id FROM person WHERE branch_id = :place_branch"
            " AND deleted = 0)",
            f"{s}.id = :place_station",
        )

    def enterprise_where(self, e: str) -> str:
        return self._pick(
            f"{e}.committee_id = :place_committee",
            f"({e}.id IN (SELECT enterprise_id FROM branch WHERE id = :place_branch)"
            f" OR {e}.id IN (SELECT enterprise_id FROM person WHERE branch_id = :place_branch"
            " AND deleted = 0))",
            f"{e}.id IN (SELECT enterprise_id FROM person WHERE station_id = :place_station"
            " AND deleted = 0)",
        )

    def branch_where(self, b: str) -> str:
        return self._pick(
            f"{b}.committee_id = :place_committee",
            f"{b}.id = :place_branch",
            f"{b}.id IN (SELECT branch_id FROM person WHERE station_id = :place_station"
            " AND deleted = 0)",
        )

    def committee_where(self, c: str) -> str:
        return self._pick(
            f"{c}.id = :place_committee",
            f"{c}.id IN (SELECT committee_id FROM branch WHERE id = :place_branch)",
            f"{c}.id IN (SELECT committee_id FROM station WHERE id = :place_station)",
        )

    def instructor_where(self, i: str) -> str:
        if self.role == "committee" or not self.scoped:
            return self._pick(f"{i}.committee_id = :place_committee", "", "")
        return (
            f"{i}.id IN (SELECT instructor_id FROM enterprise e2 WHERE e2.deleted = 0 AND "
            f"{self.enterprise_where('e2')})"
        )

    def declaration_where(self, d: str) -> str:
        return self._pick(
            f"{d}.committee_id = :place_committee",
            f"{d}.branch_id = :place_branch",
            f"{d}.station_id = :place_station",
        )

    def ledger_where(self, entry: str) -> str:
        if not self.scoped:
            return "1 = 1"
        return f"{entry}.person_id IN (SELECT id FROM person p2 WHERE {self.person_where('p2')})"

    def request_where(self, r: str) -> str:
        return self._pick(
            f"{r}.station_id IN (SELECT id FROM station WHERE committee_id = :place_committee)",
            f"{r}.person_id IN (SELECT id FROM person WHERE branch_id = :place_branch)",
            f"{r}.station_id = :place_station",
        )


def node_place(store: Store) -> Place:
    """This node's place: its role and the unit its registry row names (the city otherwise)."""
    with store.session() as session:
        node = session.get(Node, store.node_id)
        if node is None or store.node_role == "centre":
            return Place()
        for role, model, unit_id in (
            ("committee", Committee, node.committee_id),
            ("branch", Branch, node.branch_id),
            ("station", Station, node.station_id),
        ):
            if store.node_role == role and unit_id:
                return Place(role, unit_id, _unit_name(session, model, unit_id) or node.name)
    return Place()


def unit_place(store: Store, role: str, unit_id: str) -> Place:
    """The place of one committee, branch or station (for a report on another unit)."""
    model = {"committee": Committee, "branch": Branch, "station": Station}[role]
    with store.session() as session:
        return Place(role, unit_id, _unit_name(session, model, unit_id) or unit_id)


def _unit_name(session: Any, model: Any, unit_id: str) -> str:
    unit = session.get(model, unit_id)
    return str(getattr(unit, "name", "") or "")
