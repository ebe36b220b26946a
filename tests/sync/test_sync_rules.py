"""Fault 1: the write rules are one registry, loaded in full however the process started."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from synckit import open_nodes

from xhdesk.data.core import authority
from xhdesk.data.models.requests import CalendarDay
from xhdesk.data.sync import content_digest, export_package, import_package

ROOT = Path(__file__).resolve().parents[2]

_DUMP = "from xhdesk.data.core import authority; print(json.dumps(authority.registered()))"
STARTS = {
    # the CLI: a command that opens a store, then what is registered
    "cli": "import json, sys; from xhdesk.cli import main; main(['stats', '--db', sys.argv[1]]); "
    + _DUMP,
    # the window module, opening its database as the app does
    "window": "import json, sys; import xhdesk.ui.main_window; "
    "from xhdesk.data.core.store import Store; Store.open(sys.argv[1]).close(); " + _DUMP,
    # a bare data-layer process asking one rule
    "data": "import json; from xhdesk.data.core import authority; "
    "authority.refusal('station', 'person', 'insert', {}); " + _DUMP,
}


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_the_rule_set_is_the_same_from_the_cli_the_window_and_the_tests(store):
    authority.load_rules()
    expected = [list(r) for r in authority.registered()]
    assert ("calendar_day", "xhdesk.data.requests.catalogue._centre_only") in authority.registered()
    for name, code in STARTS.items():
        done = _run(code, str(store.path))
        assert done.returncode == 0, (name, done.stderr)
        assert json.loads(done.stdout.strip().splitlines()[-1]) == expected, name


def test_a_stations_calendar_change_is_quarantined_by_the_cli_as_by_the_window(tmp_path):
    """Before: `xhdesk import` never loaded the catalogue rules and applied the change."""
    nodes = open_nodes(tmp_path, 3)
    centre, station = nodes[0], nodes[2]
    with station.unit_of_work("改装的驿站电脑") as uow:  # a station writing past its services
        uow.add(CalendarDay(id="2026-10-08", day=date(2026, 10, 8), kind="workday"))
    package = tmp_path / "station.xhsync"
    export_package(station, package, centre.node_id)
    twin = tmp_path / "twin.sqlite3"
    centre.close()
    twin.write_bytes((tmp_path / "n0.sqlite3").read_bytes())
    done = _run(
        "import sys; from xhdesk.cli import main; sys.exit(main(sys.argv[1:]))",
        "import",
        "--db",
        str(tmp_path / "n0.sqlite3"),
        str(package),
    )
    assert done.returncode == 0, done.stderr
    assert "拒绝 1 条" in done.stdout and "中心节点维护" in done.stdout
    from xhdesk.data.core.store import Store

    with Store.open(twin, create=False) as other, Store.open(tmp_path / "n0.sqlite3") as cli:
        report = import_package(other, package, backup=False)
        assert report.refused == 1
        assert content_digest(other) == content_digest(cli)
    for s in nodes[1:]:
        s.close()
