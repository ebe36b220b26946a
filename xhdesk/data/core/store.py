"""The facade over one installation's database: engine, identity, clock and the unit of work."""

from __future__ import annotations

import getpass
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

from xhdesk.data.core.actor import Actor
from xhdesk.data.core.clock import HybridClock
from xhdesk.data.core.faults import is_environment_fault, storage_fault
from xhdesk.data.core.places import Place, place_of_node
from xhdesk.data.core.unit_of_work import UnitOfWork
from xhdesk.data.models import Node, new_id

DEFAULT_NODE_NAME = "兴化市服务中心"
BUSY_TIMEOUT_MS = (
    10_000  # a writer waits this long for another window or command (5 s failed on a loaded PC)
)


def _configure_sqlite(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def cli_author() -> str:
    """The author of writes made with nobody signed in: "命令行（<OS login>）"."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError, ImportError):
        login = ""
    return f"命令行（{login}）"[:30] if login else "命令行"


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
        self.user: Actor | None = None  # the signed-in user (the window); None on the CLI
        self.write_guard: Callable[[str], None] | None = None  # raises if the user may not write
        self.place = Place()  # the unit this node serves; the centre's covers everything
        self.user_name = cli_author()
        self._version_conn: sqlite3.Connection | None = None
        self._version_lock = threading.Lock()
        self._closed = False

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        migrate: bool = True,
        node_name: str = DEFAULT_NODE_NAME,
        role: str = "centre",
    ) -> Store:
        """Open (and migrate) the database at ``path``; create it if allowed and missing.

        ``path`` is a file path, never a URL (``b%20c.db`` is that file). With ``create=False`` a
        missing or empty (0-byte) file is refused instead of becoming a new centre database. With
        ``migrate=False`` (read-only commands) an older database is refused rather than upgraded;
        otherwise it is backed up before the migration. A newer database is always refused. Every
        environment fault becomes a :class:`StorageError` with one Chinese sentence.
        """
        from xhdesk.data.core.authority import load_rules
        from xhdesk.data.core.opening import check_path, check_schema, prepare_schema

        load_rules()  # every entry point opens a store: the write rules are complete from here on
        path = Path(path).expanduser()
        try:
            check_path(path, create=create)
            needs_upgrade = check_schema(path, migrate=migrate)
            engine = _make_engine(path)
        except (OSError, sqlite3.Error) as exc:
            raise storage_fault(exc, path) from exc
        try:
            prepare_schema(path, engine, needs_upgrade=needs_upgrade)
            store = cls(path, engine)
            store._load_identity(node_name, role)
        except BaseException as exc:
            engine.dispose()
            if is_environment_fault(exc):
                raise storage_fault(exc, path) from exc
            raise
        return store

    def data_version(self) -> int:
        """A number that changes whenever any connection or process commits to the file.

        SQLite's ``PRAGMA data_version`` counts the commits of *other* connections, so it is read
        on a connection of its own that never writes. After :meth:`close` it is -1 (nothing read
        before matches it, and no connection is opened again on a file the window let go).
        """
        with self._version_lock:
            if self._closed:
                return -1
            if self._version_conn is None:
                self._version_conn = sqlite3.connect(self.path, check_same_thread=False)
            return int(self._version_conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        """Fold the WAL into the main file, so the database is one self-contained file again."""
        with self._version_lock:
            self._closed = True
            if self._version_conn is not None:
                self._version_conn.close()
                self._version_conn = None
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
        self.place = place_of_node(
            state.get("node_role", role),
            state.get("place_kind", ""),
            state.get("place_id", ""),
            state.get("place_code", ""),
        )
        self.clock.last = int(state.get("hlc", "0"))
        self.seq = int(state.get("seq", "0"))
        self.incarnation = state.get("incarnation", "")
        if "node_id" in state:
            self.node_id = state["node_id"]
            self.node_name = state.get("node_name", "")
            self.node_role = state.get("node_role", "centre")
            return
        from xhdesk.data.core.keypair import generate_keypair

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
        try:
            with self._write_lock, self._write_engine.begin() as conn:
                self._upsert_state(conn, values)
        except sa.exc.DBAPIError as exc:
            if is_environment_fault(exc):
                raise storage_fault(exc, self.path) from exc
            raise

    @staticmethod
    def _upsert_state(conn: sa.Connection, values: dict[str, str]) -> None:
        conn.execute(
            sa.text(
                "INSERT INTO local_state(key, value) VALUES (:k, :v) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
            ),
            [{"k": k, "v": str(v)} for k, v in values.items()],
        )

    def load_counters(self, conn: sa.Connection) -> None:
        """Take the sequence and the clock from the database, inside the write transaction.

        Several windows and commands may write one file; each takes the next sequence number from
        what the others committed, never from a copy kept in memory.
        """
        state: dict[str, str] = dict(
            conn.execute(
                sa.text(
                    "SELECT key, value FROM local_state WHERE key IN ('hlc', 'seq', 'incarnation')"
                )
            ).all()
        )
        self.incarnation = state.get(
            "incarnation", self.incarnation
        )  # another process may restart it
        logged = conn.execute(
            sa.text("SELECT MAX(seq) FROM change WHERE origin = :o"), {"o": self.origin}
        ).scalar()
        self.seq = max(int(state.get("seq", 0)), int(logged or 0))
        self.clock.last = max(self.clock.last, int(state.get("hlc", 0)))

    def current_seq(self) -> int:
        """The last sequence number this node has given out (as committed in the file)."""
        with self.engine.connect() as conn:
            self.load_counters(conn)
        return self.seq

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
            default = self.user.author if self.user is not None else self.user_name
            uow = UnitOfWork(self, session, author if author is not None else default)
            try:
                self.load_counters(session.connection())  # BEGIN IMMEDIATE happens here
                yield uow
                session.flush()
                session.commit()
            except BaseException as exc:
                _quiet_rollback(session)
                self.clock.last, self.seq = saved
                if is_environment_fault(exc):
                    raise storage_fault(exc, self.path) from exc
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
            try:
                with self._write_engine.connect() as conn:
                    raw = conn.connection.dbapi_connection
                    assert raw is not None  # a checked-out connection has its driver connection
                    raw.execute("PRAGMA foreign_keys=OFF")
                    try:
                        with conn.begin():
                            self.load_counters(conn)
                            yield conn
                    finally:
                        raw.execute("PRAGMA foreign_keys=ON")
            except BaseException as exc:
                self.clock.last, self.seq = saved
                self.incarnation = incarnation
                if is_environment_fault(exc):
                    raise storage_fault(exc, self.path) from exc
                raise


def _make_engine(path: Path) -> sa.Engine:
    """An engine on the file ``path`` itself: no URL, so no percent-decoding of the name."""
    target = str(path)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(target, check_same_thread=False)

    engine = sa.create_engine(
        "sqlite://", creator=connect, poolclass=sa.pool.QueuePool, future=True
    )
    _configure_sqlite(engine)
    return engine


def _quiet_rollback(session: Session) -> None:
    """Roll back; a rollback that fails (the disk went away) must not hide the first error."""
    try:
        session.rollback()
    except sa.exc.DBAPIError:
        pass
