"""Points settings: a local value wins, else the centre-set value (synced), else the default.

The notice period, the star bands and the notice's contact line are policy that the centre sets
for everyone (``point_setting`` rows, synced); a node may override one locally (``local_state``,
never synced), e.g. a committee that runs a longer notice.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from xhdesk.data.core.authority import require_role
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes
from xhdesk.data.models.points import CATALOGUE_ROLES, PointSetting

DEFAULTS = {
    "notice_days": "5",
    "star_bands": "20,35,50,65,80",
    "notice_contact": "兴化市新就业群体党群服务中心，联系电话 0523-83210000",
    "notice_issuer": "中共兴化市委组织部",
}
LOCAL_PREFIX = "points."
_NAMESPACE = uuid.UUID("6f1b7c1e-4c8a-4d07-9a43-0b5e9f2d4a11")


def setting_id(key: str) -> str:
    """One row per key on every node, so two centres' edits merge field by field."""
    return str(uuid.uuid5(_NAMESPACE, key))


def get_setting(store: Store, key: str) -> str:
    local = store.local_state().get(LOCAL_PREFIX + key)
    if local:
        return local
    with store.engine.connect() as conn:
        value = conn.execute(
            sa.text("SELECT value FROM point_setting WHERE key = :k AND deleted = 0"), {"k": key}
        ).scalar()
    return value if value else DEFAULTS[key]


def set_local_setting(store: Store, key: str, value: str) -> None:
    _check(key, value)
    store.set_local_state(**{LOCAL_PREFIX + key: value})


def set_centre_setting(store: Store, key: str, value: str, author: str | None = None) -> Changes:
    """The centre sets a value for every node (synced)."""
    require_role(store.node_role, CATALOGUE_ROLES, "修改积分设置")
    _check(key, value)
    with store.unit_of_work(author) as uow:
        row = uow.session.get(PointSetting, setting_id(key))
        if row is None:
            uow.add(PointSetting(id=setting_id(key), key=key, value=value))
        elif row.value != value or row.deleted:
            row.value, row.deleted = value, False
    return uow.changes


def _check(key: str, value: str) -> None:
    if key not in DEFAULTS:
        raise ValidationError(f"未知的积分设置：{key}")
    if key == "notice_days":
        if not value.isdigit() or not 1 <= int(value) <= 30:
            raise ValidationError("公示天数应为1到30之间的整数。", field=key)
    elif key == "star_bands":
        parse_bands(value)


def parse_bands(text: str) -> list[float]:
    """ "30,60,90,120,150" → the lowest total for 1★ … 5★ (strictly increasing)."""
    try:
        bands = [float(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError:
        raise ValidationError("星级分数线应为逗号分隔的数字，如 30,60,90,120,150。") from None
    if not bands or any(b <= a for a, b in zip(bands, bands[1:], strict=False)):
        raise ValidationError("星级分数线应从低到高排列，如 30,60,90,120,150。")
    return bands


def notice_days(store: Store) -> int:
    return int(get_setting(store, "notice_days"))


def star_bands(store: Store) -> list[float]:
    return parse_bands(get_setting(store, "star_bands"))
