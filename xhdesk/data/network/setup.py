"""A new installation: a centre (from the template or empty) or a node joining with its file."""

from __future__ import annotations

import re
from pathlib import Path

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.network.template import fill_from_template
from xhdesk.data.sync.nodes import NodeInfo, init_centre, init_from, load_registry

CITY_CODE = re.compile(r"^[A-Z]{2,6}$")


def centre_name(city: str) -> str:
    """The centre node's name for a city: 兴化市 → 兴化市服务中心."""
    return f"{city.strip()}服务中心"


def create_centre(path: Path, city: str, code: str, *, template: bool) -> NodeInfo:
    """Create the centre database at ``path``: its identity, the city, and the organisation
    from the template (or nothing, for a centre that builds its own)."""
    city = city.strip()
    code = code.strip().upper()
    if not city or len(city) > 20:
        raise ValidationError("请填写市（县）名称，不超过20个字。", field="city")
    if not CITY_CODE.match(code):
        raise ValidationError("市（县）代码应为2到6位字母，如 XH。", field="code")
    info = init_centre(path, centre_name(city))
    with Store.open(path, create=False) as store:
        store.set_local_state(city_name=city, city_code=code)
        if template:
            fill_from_template(store, author="系统")
    return info


def join_network(path: Path, enrolment: Path, passphrase: str) -> NodeInfo:
    """Create this node's database from the .xhnode file the centre issued for it.

    The new database knows the network only from the signed registry; its ``node`` table fills
    with the centre's first package. So that the first administrator's account (which names its
    node) can be made before that, this node and the centre are written into ``node`` from the
    registry, without a change of their own: the centre's logged rows fold over them on import
    (their place columns too, left empty here because the units arrive with the same package).
    """
    info = init_from(path, enrolment, passphrase)
    with Store.open(path, create=False) as store:
        registry = load_registry(store)
        known = [
            registry.nodes[i] for i in (store.node_id, registry.centre_id) if i in registry.nodes
        ]
        with store.import_connection() as conn:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO node (id, deleted, name, role, public_key) "
                "VALUES (?, 0, ?, ?, ?)",
                [(n.id, n.name, n.role, n.public_key) for n in known],
            )
    return info
