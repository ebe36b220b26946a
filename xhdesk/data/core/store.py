"""The facade over one installation's database: engine, identity, clock and the unit of work."""

from __future__ import annotations

import getpass
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

from xhdesk.data.core.clock import HybridClock
from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.unit_of_work import UnitOfWork
from xhdesk.data.models import Node, new_id

DEFAULT_NODE_NAME = "兴化市服务中心"


def _configure_sqlite(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    """One open database. Thread-safe for reads; writes are serialised by a lock."""

    def __init__(self, path: Path, engine: sa.Engine) -> None:
        self.path = path
        self.engine = engine
        self._write_engine = engine.execution_options(immediate=True)
        self._write_lock = threading.RLock()
        self.clock = HybridClock()
        self.seq = 0
        self.node_id = ""
        self.incarnation = ""  # see xhdesk.data.sync.incarnation
        self.node_name = ""
        self.node_role = "centre"
        self.user_name = getpass.getuser() if hasattr(getpass, "getuser") else ""

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        node_name: str = DEFAULT_NODE_NAME,
        role: str = "centre",
    ) -> Store:
        """Open (and migrate) the database at ``path``; create it if allowed and missing."""
        from xhdesk.data.core.authority import load_rules
        from xhdesk.data.migrations import upgrade

        load_rules()  # every entry point opens a store: the write rules are complete from here on
        path = Path(path).expanduser()
        if path.is_dir():
            raise StorageError(f"数据库路径是一个文件夹，不是数据库文件：{path}")
        if not path.exists():
            if not create:
                raise StorageError(f"数据库文件不存在：{path}")
            if not path.parent.exists():
                raise StorageError(f"数据库所在文件夹不存在：{path.parent}")
        _check_is_sqlite(path)
        engine = sa.create_engine(f"sqlite:///{path}", future=True)
        _configure_sqlite(engine)
        try:
            upgrade(engine)
        except sa.exc.DatabaseError as exc:
            engine.dispose()
            raise StorageError(f"无法打开数据库（文件损坏或被占用）：{path}") from exc
        store = cls(path, engine)
        store._load_identity(node_name, role)
        return store

    def close(self) -> None:
        """Fold the WAL into the main file, so the database is one self-contained file again."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except sa.exc.DatabaseError:
            pass  # another connection still reads; SQLite checkpoints later
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _load_identity(self, node_name: str, role: str) -> None:
        state = self.local_state()
        self.clock.last = int(state.get("hlc", "0"))
        self.seq = int(state.get("seq", "0"))
        self.incarnation = state.get("incarnation", "")
        if "node_id" in state:
            self.node_id = state["node_id"]
            self.node_name = state.get("node_name", "")
            self.node_role = state.get("node_role", "centre")
            return
        from xhdesk.data.core.identity import generate_keypair

        private, public = generate_keypair()
        self.set_identity(new_id(), node_name, role)
        self.set_local_state(private_key=private, public_key=public)
        with self.unit_of_work(author="系统") as uow:
            uow.add(Node(id=self.node_id, name=node_name, role=role, public_key=public))

    def set_identity(self, node_id: str, name: str, role: str) -> None:
        """Make this database the installation ``node_id`` (used by init and enrolment)."""
        self.node_id, self.node_name, self.node_role = node_id, name, role
        self.set_local_state(node_id=node_id, node_name=name, node_role=role)

    @property
    def origin(self) -> str:
        """The change stream this node writes now: its id, plus its incarnation after a restore
        or a copy, so that (origin, seq) is never issued twice with different content."""
        return f"{self.node_id}~{self.incarnation}" if self.incarnation else self.node_id

    # -- local state ---------------------------------------------------------------------------
    def local_state(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(sa.text("SELECT key, value FROM local_state")).all())

    def set_local_state(self, **values: str) -> None:
        with self._write_lock, self._write_engine.begin() as conn:
            self._upsert_state(conn, values)

    @staticmethod
    def _upsert_state(conn: sa.Connection, values: dict[str, str]) -> None:
        conn.execute(
            sa.text(
                "INSERT INTO local_state(key, value) VALUES (:k, :v) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
            ),
            [{"k": k, "v": str(v)} for k, v in values.items()],
        )

    def save_counters(self, conn: sa.Connection) -> None:
        """Persist the clock and sequence in the writing transaction."""
        self._upsert_state(conn, {"hlc": str(self.clock.last), "seq": str(self.seq)})

    # -- sessions ------------------------------------------------------------------------------
    def session(self) -> Session:
        """A read session. Flushing a write to a synced table from it raises."""
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self, author: str | None = None) -> Iterator[UnitOfWork]:
        """The one write path: commit on success, roll back (and restore counters) on error."""
        with self._write_lock:
            saved = (self.clock.last, self.seq)
            session = Session(self._write_engine, expire_on_commit=False, autoflush=True)
            uow = UnitOfWork(self, session, author if author is not None else self.user_name)
            try:
                yield uow
                session.flush()
                session.commit()
            except BaseException:
                session.rollback()
                self.clock.last, self.seq = saved
                raise
            finally:
                session.info.pop("uow", None)
                session.close()

    @contextmanager
    def import_connection(self) -> Iterator[sa.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction for the sync import (the remote write path).

        The importer records remote changes with their own origin and seq and materialises rows
        itself, so it writes through a plain connection. Foreign keys are not enforced inside it:
        packages may arrive in any order, so a row may arrive before the row it refers to. The
        clock and sequence are restored if the transaction fails, as in :meth:`unit_of_work`.
        """
        with self._write_lock:
            saved = (self.clock.last, self.seq)
            incarnation = self.incarnation
            with self._write_engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                raw.execute("PRAGMA foreign_keys=OFF")
                try:
                    with conn.begin():
                        yield conn
                except BaseException:
                    self.clock.last, self.seq = saved
                    self.incarnation = incarnation
                    raise
                finally:
                    raw.execute("PRAGMA foreign_keys=ON")


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StorageError(f"无法读取数据库文件：{path}（{exc.strerror}）") from exc
    if header != b"SQLite format 3\x00":
        raise StorageError(f"不是 xhdesk 数据库文件：{path}")
