"""隔离区: every change refused on import, with who made it, why, and what it tried to do.

Quarantined changes are never applied but kept exactly as signed (they still relay). This module
lists them for the 同步 → 隔离区 window and writes them to a CSV file (UTF-8 with BOM, so Excel
and WPS open it directly) for the office that must follow up with the node.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from xhdesk.data.core.errors import StorageError, XhdeskError
from xhdesk.data.core.store import Store
from xhdesk.data.sync.checks import node_of
from xhdesk.data.sync.nodes import load_registry
from xhdesk.data.sync.views import TABLE_LABELS, _fields_display

HEADERS = ("来源节点", "操作人", "拒绝原因", "记录", "操作", "试图写入", "收到时间", "编号")


@dataclass(frozen=True)
class QuarantineRow:
    origin: str  # node name
    author: str
    reason: str
    record: str  # table label · row id
    op: str  # 新增 / 修改
    tried: str  # the fields and values it tried to write
    received_at: str
    key: str  # origin stream and seq, for the record


def quarantine_rows(store: Store) -> list[QuarantineRow]:
    """Every quarantined change, newest first."""
    try:
        nodes = load_registry(store).nodes
    except XhdeskError:  # a node never enrolled has no registry (and nothing quarantined)
        nodes = {}
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT origin, seq, tbl, row_id, line, reason, received_at FROM sync_quarantine "
            "ORDER BY received_at DESC, origin, seq"
        ).all()
    return [_row(r, nodes) for r in rows]


def _row(r: tuple, nodes: dict) -> QuarantineRow:
    origin, seq, tbl, row_id, line, reason, received = r
    try:
        values = json.loads(line)
        op, data, author = values[5], values[6], values[8]
        tried = _fields_display(data) if isinstance(data, str) else str(data)
    except (ValueError, IndexError, TypeError, AttributeError):
        op, author, tried = "", "", line[:200]
    node = nodes.get(node_of(origin))
    return QuarantineRow(
        origin=node.name if node else origin[:8],
        author=str(author),
        reason=reason,
        record=f"{TABLE_LABELS.get(tbl, tbl)} · {row_id[:8]}",
        op={"insert": "新增", "update": "修改"}.get(op, str(op)),
        tried=tried,
        received_at=str(received or "")[:19],
        key=f"{origin}#{seq}",
    )


def export_quarantine(store: Store, path: str | Path) -> int:
    """Write every quarantined change to a CSV file; returns how many."""
    rows = quarantine_rows(store)
    path = Path(path)
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            for r in rows:
                writer.writerow(
                    (r.origin, r.author, r.reason, r.record, r.op, r.tried, r.received_at, r.key)
                )
    except OSError as exc:
        raise StorageError(f"无法写入文件：{path}（{exc.strerror}）") from exc
    return len(rows)
