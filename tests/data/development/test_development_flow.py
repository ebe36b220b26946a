"""A person walked through every stage, with the dates at the edge of each rule."""

from __future__ import annotations

from datetime import date

import pytest
from development_seed import FULL_PATH, seed, step, walk

from xhdesk.data.core.errors import PermissionDenied, ValidationError, WorkflowError
from xhdesk.data.development.flow import StepInput, record_step
from xhdesk.data.development.queries import development_figures, development_record, todo_list
from xhdesk.data.development.rules import add_months


@pytest.fixture
def ids(store):
    return seed(store)


def progress(store, person_id):
    return development_record(store, person_id).progress


def window(store, person_id, code):
    return progress(store, person_id).window(code)


def test_months_are_calendar_months_clamped_to_the_month_end():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_application_needs_the_age_of_eighteen(store, ids):
    with pytest.raises(WorkflowError, match="2016-03-15.*过早"):
        step(store, ids["p1"], "application", date(2016, 3, 14))
    step(store, ids["p1"], "application", date(2016, 3, 15))
    assert progress(store, ids["p1"]).stage == "applicant"


def test_talk_within_one_month_amber_then_red_and_late_when_recorded_after(store, ids):
    pid = ids["p1"]
    step(store, pid, "application", date(2024, 3, 1))
    talk = window(store, pid, "talk")
    assert (talk.earliest, talk.latest) == (date(2024, 3, 1), date(2024, 4, 1))
    assert talk.flag(date(2024, 3, 24)) == ""
    assert talk.flag(date(2024, 3, 25)) == "due_soon"
    assert talk.flag(date(2024, 4, 1)) == "due_soon"
    assert talk.flag(date(2024, 4, 2)) == "overdue"
    rows = todo_list(store, date(2024, 4, 2))
    assert [(r.name, r.step, r.flag) for r in rows] == [("刘骑手", "党组织派人谈话", "overdue")]
    with pytest.raises(WorkflowError, match="过早"):
        step(store, pid, "talk", date(2024, 2, 29))
    step(store, pid, "talk", date(2024, 4, 2))  # late, but it happened: recorded and marked
    assert progress(store, pid).late == {"talk": date(2024, 4, 1)}


def test_a_talk_on_the_last_day_is_on_time(store, ids):
    step(store, ids["p1"], "application", date(2024, 3, 1))
    step(store, ids["p1"], "talk", date(2024, 4, 1))
    assert progress(store, ids["p1"]).late == {}


def test_activist_needs_talk_and_recommendation_and_two_contacts(store, ids):
    step(store, ids["p2"], "application", date(2024, 3, 1))
    with pytest.raises(WorkflowError, match="入党申请人.*下一步应办理"):
        step(store, ids["p2"], "activist_decided", date(2024, 3, 5))
    pid = ids["p1"]
    walk(store, pid, upto="contacts_assigned")
    assert progress(store, pid).stage == "activist"
    with pytest.raises(ValidationError, match="两名"):
        step(store, pid, "contacts_assigned", date(2024, 4, 12), contacts="王红")
    step(store, pid, "contacts_assigned", date(2024, 4, 12), contacts="王红，李军")
    assert development_record(store, pid).events[-1].contacts == "王红、李军"


def test_quarterly_assessment_falls_due_three_months_after_the_last(store, ids):
    pid = ids["p1"]
    walk(store, pid, upto="assessment")
    assert window(store, pid, "assessment").latest == date(2024, 7, 10)
    step(store, pid, "assessment", date(2024, 7, 1))
    assert window(store, pid, "assessment").latest == date(2024, 10, 1)


def test_a_year_as_activist_before_becoming_a_candidate(store, ids):
    pid = ids["p1"]
    walk(store, pid, upto="candidate_recommended")
    with pytest.raises(WorkflowError, match="2025-04-10.*一年以上"):
        step(store, pid, "candidate_recommended", date(2025, 4, 9))
    step(store, pid, "candidate_recommended", date(2025, 4, 10))
    step(store, pid, "candidate_decided", date(2025, 4, 10))
    assert progress(store, pid).stage == "candidate"


def test_notice_counts_working_days_across_the_may_holiday(store, ids):
    pid = ids["p1"]
    walk(store, pid, upto="notice")
    with pytest.raises(WorkflowError, match="只有4个工作日"):
        step(store, pid, "notice", date(2026, 4, 29), period_end=date(2026, 5, 7))
    step(store, pid, "notice", date(2026, 4, 29), period_end=date(2026, 5, 8))
    with pytest.raises(WorkflowError, match="公示期满"):
        step(store, pid, "pre_review", date(2026, 5, 8))
    step(store, pid, "pre_review", date(2026, 5, 9))


def test_a_branch_node_may_not_take_the_committees_approval(store, ids):
    walk(store, ids["p1"], upto="pre_review")
    store.node_role = "branch"
    with pytest.raises(PermissionDenied, match="行业党委"):
        step(store, ids["p1"], "pre_review", date(2025, 6, 9))
    assert progress(store, ids["p1"]).stage == "candidate"


def test_admission_approved_within_three_months_of_the_general_meeting(store, ids):
    pid = ids["p1"]
    walk(store, pid, upto="admission_approved")
    approval = window(store, pid, "admission_approved")
    assert approval.latest == date(2025, 9, 20)
    assert approval.flag(date(2025, 9, 21)) == "overdue"
    record_step(
        store,
        pid,
        StepInput("admission_approved", date(2025, 7, 1), "not_agreed"),
        today=date(2026, 1, 1),
    )
    assert progress(store, pid).stage == "candidate"  # not approved: the approval is still due
    step(store, pid, "admission_approved", date(2025, 9, 20))
    p = progress(store, pid)
    assert p.stage == "probationary" and p.late == {}
    assert p.probation_end == date(2026, 6, 20)


def test_probation_extended_once_then_converted(store, ids):
    pid = ids["p1"]
    walk(store, pid)
    with pytest.raises(WorkflowError, match="预备期满"):
        step(store, pid, "conversion_meeting", date(2026, 6, 19), decision="convert")
    with pytest.raises(ValidationError, match="最短6个月"):
        step(store, pid, "conversion_meeting", date(2026, 6, 20), decision="extend", months=3)
    step(store, pid, "conversion_meeting", date(2026, 6, 20), decision="extend", months=6)
    assert window(store, pid, "probation_extended").latest == date(2026, 9, 20)
    step(store, pid, "probation_extended", date(2026, 7, 1))
    p = progress(store, pid)
    assert p.stage == "probationary" and p.probation_end == date(2026, 12, 20)
    meeting = p.window("conversion_meeting")
    assert (meeting.earliest, meeting.latest) == (date(2026, 12, 20), date(2027, 1, 20))
    with pytest.raises(WorkflowError, match="过早"):
        step(store, pid, "conversion_meeting", date(2026, 12, 19), decision="convert")
    with pytest.raises(WorkflowError, match="只能延长一次"):
        step(store, pid, "conversion_meeting", date(2026, 12, 21), decision="extend", months=6)
    step(store, pid, "conversion_meeting", date(2026, 12, 21), decision="convert")
    step(store, pid, "conversion_approved", date(2027, 1, 5))
    p = progress(store, pid)
    assert p.stage == "member" and p.windows == []
    assert p.counts["assessment"] == 4


def test_probation_cancelled(store, ids):
    pid = ids["p1"]
    walk(store, pid)
    step(
        store, pid, "conversion_meeting", date(2026, 7, 1), decision="cancel", note="不履行党员义务"
    )
    step(store, pid, "probation_cancelled", date(2026, 7, 20))
    assert progress(store, pid).stage == "cancelled"
    assert todo_list(store, date(2026, 8, 1)) == []


def test_discontinued_then_a_new_application_starts_over(store, ids):
    pid = ids["p1"]
    walk(store, pid, upto="contacts_assigned")
    step(store, pid, "discontinued", date(2024, 5, 1), note="本人撤回申请")
    assert progress(store, pid).stage == "discontinued"
    step(store, pid, "application", date(2025, 1, 2))
    assert progress(store, pid).stage == "applicant"


def test_todo_list_per_branch_and_the_stats_section(store, ids):
    walk(store, ids["p1"], upto="admission_approved")  # approval due by 2025-09-20
    step(store, ids["p2"], "application", date(2025, 8, 10))  # talk due by 2025-09-10
    step(store, ids["p3"], "application", date(2025, 9, 1))  # other branch; talk by 10-01
    today = date(2025, 9, 15)
    rows = todo_list(store, today)
    assert [(r.name, r.flag) for r in rows] == [
        ("曾快递", "overdue"),
        ("刘骑手", "due_soon"),
        ("欧阳司机", ""),
    ]
    mine = todo_list(store, today, branch_id=ids["branch"])
    assert [r.name for r in mine] == ["曾快递", "刘骑手"]
    with store.session() as s:
        figures = development_figures(s, today)["development"]
    assert figures == {
        "applicants": 2,
        "activists": 0,
        "candidates": 1,
        "probationary": 0,
        "converted_this_year": 0,
        "overdue": 1,
    }


def test_no_step_in_the_future(store, ids):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        record_step(
            store, ids["p1"], StepInput("application", date(2026, 3, 2)), today=date(2026, 3, 1)
        )


def test_the_full_path_is_the_documented_one():
    assert [c for c, _d, _k in FULL_PATH][-3:] == ["general_meeting", "admission_approved", "oath"]


def test_quota_used_remaining_and_the_warning_when_a_branch_exceeds_it(store, ids):
    from xhdesk.data.development.quota import quota_usage, quota_warnings, set_quota

    set_quota(store, 2025, ids["committee"], None, 3, 2)
    set_quota(store, 2025, ids["committee"], ids["branch"], 1, 1)
    set_quota(store, 2025, ids["committee"], ids["branch"], 1, 1)  # the same plan, changed
    walk(store, ids["p1"], upto="admission_approved")
    rows = {r.unit: r for r in quota_usage(store, 2025)}
    assert (rows["顺丰流动党支部"].used, rows["顺丰流动党支部"].remaining) == (1, 0)
    assert rows["快递外卖行业党委"].remaining == 2
    assert quota_warnings(store, 2025) == []
    walk(store, ids["p2"], upto="admission_approved")
    assert quota_warnings(store, 2025, ids["branch"]) == [
        "顺丰流动党支部2025年发展党员计划1名，已发展2名，超出1名。"
    ]
    usage = {r.unit: r for r in quota_usage(store, 2025)}["快递外卖行业党委"]
    assert (usage.used, usage.used_new_employment, usage.remaining) == (2, 2, 1)
    with pytest.raises(ValidationError, match="新就业群体名额"):
        set_quota(store, 2025, ids["committee"], None, 3, 4)
    store.node_role = "branch"
    with pytest.raises(PermissionDenied):
        set_quota(store, 2025, ids["committee"], ids["branch"], 5, 5)


def test_the_registry_summary_follows_the_agreed_steps(store, ids):
    from xhdesk.data.models import Person

    pid = ids["p1"]

    def person():
        with store.session() as s:
            return s.get(Person, pid)

    walk(store, pid, upto="activist_decided")
    assert (person().development_stage, person().political_status) == ("applicant", "masses")
    walk_rest = [s for s in FULL_PATH if s[0] != "oath"]
    for code, on, kw in walk_rest[walk_rest.index(("activist_decided", date(2024, 4, 10), {})) :]:
        step(store, pid, code, on, **kw)
    p = person()
    assert (p.political_status, p.joined_party_on, p.development_stage) == (
        "probationary",
        date(2025, 6, 20),
        None,
    )
    step(store, pid, "conversion_meeting", date(2026, 6, 22), decision="convert")
    step(store, pid, "conversion_approved", date(2026, 7, 1))
    assert person().political_status == "member"


def test_a_branch_node_records_only_its_own_branchs_steps(store, ids):
    from xhdesk.data.models import Node

    with store.session() as s:
        known = s.get(Node, store.node_id)
    with store.unit_of_work("测试") as uow:
        if known is None:
            uow.add(
                Node(id=store.node_id, name="美团流动党支部", role="branch", branch_id=ids["other"])
            )
        else:
            node = uow.session.get(Node, store.node_id)
            node.role, node.branch_id = "branch", ids["other"]
    store.node_role = "branch"
    with pytest.raises(PermissionDenied, match="由顺丰流动党支部办理"):
        step(store, ids["p1"], "application", date(2024, 3, 1))
    step(store, ids["p3"], "application", date(2024, 3, 1))  # 欧阳司机 is the node's own branch's
    assert progress(store, ids["p3"]).stage == "applicant"
