"""Development steps travel: a branch's steps reach the committee; a forged approval does not."""

from __future__ import annotations

from datetime import date

import pytest
from synckit import now_utc, open_nodes, state

from xhdesk.data.core.errors import PermissionDenied
from xhdesk.data.development.flow import StepInput, record_step
from xhdesk.data.development.queries import development_record, todo_list
from xhdesk.data.models.development import DevelopmentEvent
from xhdesk.data.overview.stats import headline_figures
from xhdesk.data.sync import export_package, import_package

TODAY = date(2030, 1, 1)


@pytest.fixture
def nodes(tmp_path):
    stores = open_nodes(tmp_path, 4)  # centre, committee, station, branch
    yield stores
    for s in stores:
        s.close()


def send(src, dst, tmp_path, name):
    path = tmp_path / name
    export_package(src, path, dst.node_id)
    return import_package(dst, path)


def step(store, pid, code, on, **kw):
    record_step(store, pid, StepInput(code, on, **kw), author="测试", today=TODAY)


def test_branch_steps_reach_the_committee_and_a_forged_approval_is_quarantined(nodes, tmp_path):
    from development_seed import FULL_PATH, seed

    centre, committee, _station, branch = nodes
    ids = seed(centre)
    send(centre, branch, tmp_path, "seed.xhsync")
    pid = ids["p1"]
    for code, on, kw in FULL_PATH[: FULL_PATH.index(("pre_review", date(2025, 6, 9), {}))]:
        step(branch, pid, code, on, **kw)
    with pytest.raises(PermissionDenied):  # refused locally: the pre-review is the committee's
        step(branch, pid, "pre_review", date(2025, 6, 9))
    # forged: written straight into the branch's own database, past the service
    with branch.unit_of_work("伪造") as uow:
        uow.add(
            DevelopmentEvent(
                person_id=pid,
                branch_id=ids["branch"],
                committee_id=ids["committee"],
                step="pre_review",
                happened_on=date(2025, 6, 9),
                node_id=branch.node_id,
                node_role="committee",  # the lie in the row does not help: the origin's role counts
                at=now_utc(),
            )
        )
    assert development_record(branch, pid).progress.stage == "candidate"
    report = send(branch, centre, tmp_path, "branch.xhsync")
    assert (
        report.refused == 1
        and "党支部" in report.refusals[0]
        and "上级党委预审" in report.refusals[0]
    )
    assert headline_figures(centre)["quarantined"] == 1
    report = send(centre, committee, tmp_path, "relay.xhsync")
    assert report.refused == 1  # relayed by the centre, refused again at the committee
    record = development_record(committee, pid)
    assert record.progress.stage == "candidate"
    assert [w.step for w in record.windows()] == ["pre_review"]
    assert [r.step for r in todo_list(committee, TODAY)] == ["上级党委预审"]
    # the committee's own pre-review is accepted everywhere
    step(committee, pid, "pre_review", date(2025, 6, 9))
    assert send(committee, centre, tmp_path, "real.xhsync").refused == 0
    send(centre, branch, tmp_path, "back.xhsync")
    assert development_record(branch, pid).progress.window("general_meeting") is not None
    step(branch, pid, "general_meeting", date(2025, 6, 20))
    send(branch, centre, tmp_path, "meeting.xhsync")
    send(centre, committee, tmp_path, "meeting2.xhsync")
    assert state(committee)[0] == state(centre)[0]
    assert development_record(committee, pid).progress.window("admission_approved").latest == (
        date(2025, 9, 20)
    )
