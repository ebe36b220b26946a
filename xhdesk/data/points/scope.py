"""Where this node sits, and which declarations its role may act on.

A branch node reviews its own branch's declarations and a committee node confirms its own
committee's; a node whose registry row names no branch or committee (and the centre) may act on
all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.core.store import Store
from xhdesk.data.models import Node
from xhdesk.data.models.points import Declaration


@dataclass(frozen=True)
class NodeScope:
    """This node's role and the committee, branch or station it serves."""

    role: str
    committee_id: str | None = None
    branch_id: str | None = None
    station_id: str | None = None

    def check(self, declaration: Declaration, action: str) -> None:
        """Refuse a review step on another branch's (or committee's) declaration."""
        if self.role == "branch" and self.branch_id and declaration.branch_id != self.branch_id:
            raise PermissionDenied(f"申报 {declaration.number} 不属于本支部，本节点不能{action}。")
        if (
            self.role == "committee"
            and self.committee_id
            and declaration.committee_id != self.committee_id
        ):
            raise PermissionDenied(
                f"申报 {declaration.number} 不属于本行业党委，本节点不能{action}。"
            )


def node_scope(store: Store) -> NodeScope:
    """The place from the enrolment file first (known before the node's own row arrives)."""
    place = store.place
    if not place.everything:
        ids = {place.kind: place.id}
        return NodeScope(
            store.node_role, ids.get("committee"), ids.get("branch"), ids.get("station")
        )
    with store.session() as session:
        node = session.get(Node, store.node_id)
        if node is None:
            return NodeScope(store.node_role)
        return NodeScope(store.node_role, node.committee_id, node.branch_id, node.station_id)
