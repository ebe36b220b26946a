"""After every import the rows it touched are checked; what is found is repaired and counted."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "sync"))

from requests_helpers import new_request, seed_catalogue  # noqa: E402
from synckit import open_nodes  # noqa: E402

from xhdesk.data.core import derived  # noqa: E402
from xhdesk.data.sync import export_package, import_package  # noqa: E402


def test_a_derived_row_a_broken_trigger_missed_is_repaired_and_reported(tmp_path, caplog):
    centre, branch = open_nodes(tmp_path, 2)
    try:
        seed = seed_catalogue(centre)
        request = new_request(centre, seed)
        with branch.engine.begin() as conn:  # as if a bug had left the cache unmaintained
            for name in derived.all_trigger_names():
                if "request_state" in name:
                    conn.exec_driver_sql(f"DROP TRIGGER {name}")
        package = tmp_path / "p.xhsync"
        export_package(centre, package, branch.node_id)
        report = import_package(branch, package, backup=False)
        assert report.repaired == 1
        assert "导入后检查发现并修复 1 处" in report.summary()
        assert "request_state" in caplog.text
        with branch.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT state FROM request_state WHERE request_id = ?", (request.id,)
            ).one()
            assert row[0] == "accepted"
            assert derived.differences(conn, derived.BY_TABLE["request_state"]) == []
        again = import_package(branch, package, backup=False)
        assert again.repaired == 0
    finally:
        centre.close()
        branch.close()


def test_rows_the_merge_wrote_wrongly_are_found_whether_inserted_only_or_edited(tmp_path):
    """The SQL pass clears only rows whose single insert matches; a tampered row is still folded."""
    from synckit import add_person, edit

    from xhdesk.data.models import Person

    centre, branch = open_nodes(tmp_path, 2)
    try:
        only_inserted = add_person(centre, "王一", 1)
        edited = add_person(centre, "王二", 2)
        untouched = add_person(centre, "王三", 3)
        edit(centre, Person, edited, town="戴南镇")
        with branch.engine.begin() as conn:  # as if a bug garbled the rows the merge writes
            conn.exec_driver_sql(
                "CREATE TRIGGER garble AFTER INSERT ON person WHEN NEW.name != '王三' "
                "BEGIN UPDATE person SET town = '错乱' WHERE id = NEW.id; END"
            )
        package = tmp_path / "p.xhsync"
        export_package(centre, package, branch.node_id)
        report = import_package(branch, package, backup=False)
        assert report.repaired == 2
        with branch.engine.connect() as conn:
            towns = dict(conn.exec_driver_sql("SELECT id, town FROM person").all())
        assert towns[edited] == "戴南镇"
        assert towns[only_inserted] != "错乱"
        assert towns[untouched] != "错乱"
    finally:
        centre.close()
        branch.close()
