"""Who is at the keyboard: the signed-in user whose name the change log records.

The store holds at most one :class:`Actor`. Which role may write what is the users capability's
rule; it reaches the unit of work as ``store.write_guard`` so that the core needs no knowledge of
roles.
"""

from __future__ import annotations

from dataclasses import dataclass


def author_name(name: str, login: str) -> str:
    """How the audit trail names a user: "王芳（wangf）" (the change log keeps 30 characters)."""
    text = name if name == login else f"{name}（{login}）"
    return text[:30]


@dataclass(frozen=True)
class Actor:
    id: str
    login: str
    name: str
    role: str

    @property
    def author(self) -> str:
        return author_name(self.name, self.login)
