"""Backups: verified, compressed, never 0 bytes, kept by age within a budget; restore round trip."""

from __future__ import annotations

import errno
import gzip
import math
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from xhdesk.data.core import backup as bk
from xhdesk.data.core.backup import BackupInfo, Retention, create_backup, list_backups, select_kept
from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.restore import restore_backup
from xhdesk.data.core.store import Store


def _stations(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [n for (n,) in conn.exec_driver_sql("SELECT name FROM station ORDER BY name")]


def _add_station(store: Store, name: str) -> None:
    from xhdesk.data.models import Station

    with store.unit_of_work() as uow:
        uow.add(Station(code=name[:3], name=name, kind="warm_bee"))


def test_a_backup_is_a_compressed_verified_copy(store):
    _add_station(store, "城东暖蜂驿站")
    info = create_backup(store.path)
    assert info.path.parent == store.path.with_name(store.path.name + ".backups")
    assert info.path.name.endswith("-manual.sqlite3.gz") and info.size == info.path.stat().st_size
    raw = gzip.decompress(info.path.read_bytes())
    assert info.size < len(raw) / 3  # compressed
    copy = info.path.with_suffix("")  # .sqlite3
    copy.write_bytes(raw)
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT name FROM station").fetchall() == [("城东暖蜂驿站",)]
    conn.close()
    assert [b.reason for b in list_backups(store.path)] == ["manual"]


def test_a_failed_backup_leaves_no_file(store, monkeypatch):
    def full(*_a: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bk, "_compress", full)
    with pytest.raises(StorageError, match="磁盘空间已满"):
        create_backup(store.path)
    assert list(bk.backup_dir(store.path).iterdir()) == []  # no 0-byte or half-written file


def test_a_damaged_database_is_not_backed_up_as_if_it_were_fine(store):
    path = store.path
    store.close()
    with path.open("r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 3996)
    with pytest.raises(StorageError, match="损坏"):
        create_backup(path)
    assert list_backups(path) == []


def test_the_first_open_of_a_day_takes_one_backup(store):
    day = datetime(2026, 12, 1, 8, 30)
    assert bk.ensure_daily_backup(store.path, now=day) is not None
    assert bk.ensure_daily_backup(store.path, now=day + timedelta(hours=3)) is None
    assert bk.ensure_daily_backup(store.path, now=day + timedelta(days=1)) is not None
    assert [b.reason for b in list_backups(store.path)] == ["daily", "daily"]


def _fake(when: datetime, size: int = 1000) -> BackupInfo:
    return BackupInfo(Path(f"{when:%Y%m%d-%H%M%S-%f}-daily.sqlite3.gz"), when, "daily", size)


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = datetime(2024, 1, 1, 9, 0)
    backups = [_fake(start + timedelta(hours=12 * i)) for i in range(2 * 730)]  # two a day, 2 years
    kept = select_kept(backups, Retention())
    days = sorted({b.taken_at.date() for b in kept}, reverse=True)
    newest = max(b.taken_at for b in backups)
    assert kept[0].taken_at == newest
    assert days[:7] == [newest.date() - timedelta(days=i) for i in range(7)]  # the last 7 days
    assert len({b.taken_at.isocalendar()[:2] for b in kept}) >= 4
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 12 and min(months) == (2025, 1)  # 12 months, none older
    assert len(kept) <= 3 + 7 + 4 + 12


def test_rotation_respects_the_size_budget():
    start = datetime(2026, 1, 1, 9, 0)
    backups = [_fake(start + timedelta(days=i), size=300 * 1024 * 1024) for i in range(60)]
    kept = select_kept(backups, Retention(budget_mb=1024))
    assert sum(b.size for b in kept) <= 1024 * 1024 * 1024
    assert kept[0].taken_at == backups[-1].taken_at and len(kept) == 3
    tiny = select_kept(backups[:1], Retention(budget_mb=1))
    assert len(tiny) == 1  # the newest backup is always kept, even over budget


def test_a_centres_backups_stay_within_the_budget(demo_store):
    """Daily opens with a budget of about two backups: what is on disk stays within it."""
    start = datetime(2026, 11, 1, 8, 0)
    first = bk.ensure_daily_backup(demo_store.path, now=start)
    assert first is not None
    budget_mb = math.ceil(first.size * 2.5 / 1024 / 1024)
    demo_store.set_local_state(**Retention(budget_mb=budget_mb).as_state())
    for day in range(1, 4):
        bk.ensure_daily_backup(demo_store.path, now=start + timedelta(days=day))
    on_disk = list_backups(demo_store.path)
    assert len(on_disk) == 2 and bk.total_size(demo_store.path) <= budget_mb * 1024 * 1024
    assert on_disk[0].taken_at == start + timedelta(days=3)


def test_restore_round_trip_keeps_identity_and_backs_up_the_current_file(store):
    _add_station(store, "城东暖蜂驿站")
    node, key = store.node_id, store.local_state()["private_key"]
    taken = create_backup(store.path)
    _add_station(store, "戴南暖蜂驿站")
    path = store.path
    store.close()
    before = restore_backup(path, taken.path)
    assert before is not None and before.reason == "restore"
    with Store.open(path, create=False) as again:
        assert _stations(again) == ["城东暖蜂驿站"]
        state = again.local_state()
        assert again.node_id == node and state["private_key"] == key
        assert state.get("incarnation")
        _add_station(again, "陶庄暖蜂驿站")  # writing after a restore works
    restore_backup(path, before.path)  # and the pre-restore copy brings the later edit back
    with Store.open(path, create=False) as again:
        assert _stations(again) == ["城东暖蜂驿站", "戴南暖蜂驿站"]


def test_restore_refuses_another_nodes_backup_and_junk(store, tmp_path):
    other = tmp_path / "other.sqlite3"
    Store.open(other).close()
    foreign = create_backup(other)
    junk = tmp_path / "junk.gz"
    junk.write_bytes(gzip.compress(b"not a database"))
    path = store.path
    store.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="另一个节点"):
        restore_backup(path, foreign.path)
    with pytest.raises(StorageError, match="不是 xhdesk 的备份文件"):
        restore_backup(path, junk)
    assert path.read_bytes() == before
