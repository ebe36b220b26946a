"""The demo node's accounts: 管理员, 书记 and 经办, with the passwords the README lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xhdesk.data.core.store import Store
from xhdesk.data.models import Credential, User
from xhdesk.data.users.passwords import hash_password

if TYPE_CHECKING:
    from xhdesk.data.demo import DemoContext

# (login, name, role, password) — documented in README.md (演示账号).
DEMO_ACCOUNTS = [
    ("admin", "管理员", "admin", "admin2026"),
    ("shuji", "书记", "secretary", "shuji2026"),
    ("jingban", "经办", "secretary", "jingban2026"),
]


def build(store: Store, ctx: DemoContext) -> None:
    hashes = [hash_password(password) for *_x, password in DEMO_ACCOUNTS]
    with store.unit_of_work(author="系统") as uow:
        for (login, name, role, _pw), hashed in zip(DEMO_ACCOUNTS, hashes, strict=True):
            user = uow.add(
                User(id=ctx.new_id(), login=login, name=name, role=role, node_id=store.node_id)
            )
            uow.session.add(Credential(user_id=user.id, password_hash=hashed))
