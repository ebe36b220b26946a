"""The programme pages standalone: teams, 随手拍, learning, 四亮 (pytest-qt, offscreen)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from xhdesk.data.governance import flow
from xhdesk.data.governance.reports import take_report
from xhdesk.data.models import Person
from xhdesk.data.models.points import Declaration
from xhdesk.data.models.requests import Department
from xhdesk.ui.activities.programme_pages import programme_pages


@pytest.fixture
def pages(qtbot, demo_store):
    out = dict(programme_pages(demo_store))
    for page in out.values():
        qtbot.addWidget(page)
        page.resize(1366, 700)
    return out


def _texts(page, column):
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_programme_pages_show_the_demo_figures(pages, tmp_path):
    assert list(pages) == ["志愿服务队", "随手拍", "学习培训", "四亮"]
    teams = pages["志愿服务队"]
    assert set(_texts(teams, 0)) == {"水乡红骑手", "货运“兴”锋队"}
    assert "人次" in teams.status.text()
    teams.table.selectRow(0)
    assert "服务记录" in teams.detail.toPlainText()
    learning = pages["学习培训"]
    assert learning.model.rowCount() == 12
    learning.view.setCurrentIndex(1)
    assert learning.model.rowCount() == 6
    learning.table.selectRow(0)
    assert "参训人员" in learning.detail.toPlainText()
    reports = pages["随手拍"]
    assert reports.model.rowCount() > 0
    showcase = pages["四亮"]
    assert "党员" in showcase.status.text()
    for title, page in pages.items():
        page.show()
        page.grab().save(str(tmp_path / f"{title}.png"))


def test_reports_page_follows_a_report_to_its_declaration(pages, demo_store, qtbot):
    page = pages["随手拍"]
    with demo_store.session() as s:
        person = s.exec(select(Person).where(Person.branch_id.is_not(None))).first()
        dept = s.exec(select(Department)).first().id
    report = take_report(
        demo_store, person.id, "hazard", "竹泓镇", "桥栏杆松动", at=datetime(2026, 11, 25, 9)
    )
    flow.forward(demo_store, report.id, dept, at=datetime(2026, 11, 25, 10))
    page.refresh()
    row = _texts(page, 0).index(report.number)
    page.table.selectRow(row)
    assert "转办" in page.detail.toPlainText()
    flow.accept(demo_store, report.id, at=datetime(2026, 11, 26, 10))
    page.refresh()
    assert _texts(page, 6)[_texts(page, 0).index(report.number)] == "已采纳"
    with demo_store.session() as s:
        assert s.exec(select(Declaration).where(Declaration.batch_id == report.id)).one()


def test_learning_import_shows_one_line_per_bad_row(pages, qtbot, tmp_path, monkeypatch):
    page = pages["学习培训"]
    shown = []
    monkeypatch.setattr(
        "xhdesk.ui.activities.learning_page.show_error", lambda _p, text, *_: shown.append(text)
    )
    path = tmp_path / "v.csv"
    path.write_text(
        "姓名,手机号,课件名称,观看日期,观看时长\n某某,13800000000,无此课件,2025-01-01,5\n",
        encoding="utf-8",
    )
    page.start_import(str(path))
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "第2行" in shown[0] and "未导入任何记录" in shown[0]


def test_rows_model_passes_the_model_tester(qtmodeltester, pages):
    for page in pages.values():
        qtmodeltester.check(page.model)
