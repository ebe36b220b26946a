"""The development documents: the 公示 (no IDs), the 政审 cover sheet, the 入党材料目录; and the CLI."""

from __future__ import annotations

import io
import re
from datetime import date

from development_seed import seed, step, walk
from pypdf import PdfReader

from xhdesk.cli import main
from xhdesk.data.development.flow import StepInput, record_step
from xhdesk.data.development.notices import development_notice, record_checklist
from xhdesk.data.models import Person
from xhdesk.documents.development import notice_pdf, record_pdf, review_cover_pdf


def pages(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(re.sub(r"\s+", "", p.extract_text() or "") for p in reader.pages)


def test_candidate_notice_lists_those_due_for_it_without_id_numbers(store):
    ids = seed(store)
    walk(store, ids["p1"], upto="notice")
    walk(store, ids["p2"], upto="political_review")  # not ready for the notice yet
    data = development_notice(store, "candidate", as_of=date(2026, 4, 29))
    assert [r[0] for r in data["rows"]] == ["刘骑手"]
    assert (data["period_start"], data["period_end"]) == (date(2026, 4, 29), date(2026, 5, 8))
    pdf, count = notice_pdf(store, "candidate", as_of=date(2026, 4, 29))
    text = pages(pdf)
    assert count == 1 and "发展对象公示" in text and "刘骑手" in text and "顺丰流动党支部" in text
    assert "2026年4月29日至2026年5月8日" in text
    with store.session() as s:
        number = s.get(Person, ids["p1"]).id_number
    assert number not in text and number[-4:] not in text


def test_probationary_notice_lists_those_whose_probation_ends_within_a_month(store):
    ids = seed(store)
    walk(store, ids["p1"])  # probation ends 2026-06-20
    assert development_notice(store, "probationary", as_of=date(2026, 5, 1))["rows"] == []
    data = development_notice(store, "probationary", as_of=date(2026, 6, 1))
    assert [r[0] for r in data["rows"]] == ["刘骑手"]
    assert "预备党员转正公示" in pages(notice_pdf(store, "probationary", as_of=date(2026, 6, 1))[0])


def test_record_checklist_shows_done_late_and_due_materials(store):
    ids = seed(store)
    pid = ids["p1"]
    step(store, pid, "application", date(2024, 3, 1))
    record_step(
        store,
        pid,
        StepInput("talk", date(2024, 4, 3), attachments=(("谈话记录.pdf", b"%PDF-1.4 x"),)),
        today=date(2030, 1, 1),
    )
    rows = {r[0]: r for r in record_checklist(store, pid)["rows"]}
    assert rows["入党申请书"][2] == "2024-03-01"
    assert rows["谈话记录"][2:] == ["2024-04-03", 1, "逾期（应于2024-04-01前）"]
    assert rows["上级党委审批意见"][2] == "未形成"
    text = pages(record_pdf(store, pid))
    assert "入党材料目录（刘骑手）" in text and "逾期" in text


def test_review_cover_masks_the_id_number(store):
    ids = seed(store)
    walk(store, ids["p1"], upto="training")
    text = pages(review_cover_pdf(store, ids["p1"]))
    with store.session() as s:
        number = s.get(Person, ids["p1"]).id_number
    assert "发展对象政治审查材料" in text and number not in text and number[:6] in text


def test_print_commands(store, tmp_path, capsys):
    ids = seed(store)
    walk(store, ids["p1"], upto="notice")
    db = str(store.path)
    out = tmp_path / "n.pdf"
    args = [
        "print",
        "notice",
        "development",
        "--db",
        db,
        "--out",
        str(out),
        "--as-of",
        "2026-04-29",
    ]
    assert main(args) == 0 and out.exists()
    assert "发展对象公示（1 人）" in capsys.readouterr().out
    assert (
        main(["print", "development-record", "--db", db, "--out", str(out), "--person", "刘骑手"])
        == 0
    )
    assert main(["print", "review-cover", "--db", db, "--out", str(out), "--person", "无此人"]) != 0
    assert "找不到人员" in capsys.readouterr().err
