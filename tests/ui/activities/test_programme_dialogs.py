"""The programme pages' dialogs write through their services and the page follows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from sqlmodel import select

from xhdesk.data.models import Person
from xhdesk.data.showcase.marks import marks_of
from xhdesk.ui.activities.learning_page import CoursewareDialog, LearningPage
from xhdesk.ui.activities.reports_page import ReportDialog, ReportsPage
from xhdesk.ui.activities.showcase_page import MarkDialog, ShowcasePage
from xhdesk.ui.activities.teams_page import RoleDialog, ServiceDialog, TeamsPage


@pytest.fixture
def person(demo_store):
    with demo_store.session() as s:
        return s.exec(select(Person).where(Person.deleted == False).order_by(Person.id)).first()  # noqa: E712


def test_recording_a_service_adds_the_ticked_person_times(qtbot, demo_store):
    page = TeamsPage(demo_store)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    before = page.model.rows[0][5]
    dialog = ServiceDialog(demo_store, page.current_id(), page)
    qtbot.addWidget(dialog)
    for i in range(3):
        dialog.people.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.day.setDate(QDate(2026, 11, 1))
    dialog.place.setText("英武路")
    dialog.what.setText("文明交通劝导")
    dialog.on_ok_clicked()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.refresh()
    row = next(r for r in page.model.rows if r[0] == dialog.team_id)
    assert row[5] == before + 3


def test_a_service_without_participants_is_refused_in_words(qtbot, demo_store, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "xhdesk.ui.activities.parts.show_error", lambda _p, exc: shown.append(str(exc))
    )
    page = TeamsPage(demo_store)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    dialog = ServiceDialog(demo_store, page.current_id(), page)
    qtbot.addWidget(dialog)
    dialog.on_ok_clicked()
    assert shown == ["请至少选择一名参加服务的人员。"]
    assert dialog.result() != dialog.DialogCode.Accepted


def test_appointing_a_duty_role_through_the_search(qtbot, demo_store, person):
    dialog = RoleDialog(demo_store)
    qtbot.addWidget(dialog)
    dialog.search.edit.setText(person.name)
    dialog.day.setDate(QDate(2026, 3, 1))
    dialog.on_ok_clicked()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_taking_a_report_with_a_photo_lists_it(qtbot, demo_store, person, tmp_path):
    page = ReportsPage(demo_store)
    qtbot.addWidget(page)
    before = page.model.rowCount()
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    dialog = ReportDialog(demo_store, page)
    qtbot.addWidget(dialog)
    dialog.search.edit.setText(person.name)
    dialog.place.setText("昭阳街道英武路")
    dialog.text.setPlainText("路灯不亮")
    dialog.files.append(photo)
    dialog.on_ok_clicked()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.refresh()
    assert page.model.rowCount() == before + 1
    page.table.selectRow(0)
    assert "现场.jpg" in page.detail.toPlainText()


def test_setting_a_mark_and_printing_the_roll(qtbot, demo_store, monkeypatch):
    page = ShowcasePage(demo_store)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    person_id = page.current_id()
    dialog = MarkDialog(demo_store, "person", person_id, "某党员", page)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("pledge"))
    dialog.text.setText("雨天优先配送老人订单")
    dialog.on_ok_clicked()
    assert marks_of(demo_store, person_id)["pledge"].set_on == date.today()
    shown = []
    monkeypatch.setattr(
        "xhdesk.ui.printing.preview.show_preview", lambda _p, data, *_a, **_k: shown.append(data)
    )
    page.on_print_clicked()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0].startswith(b"%PDF")


def test_adding_courseware_shows_it_in_the_list(qtbot, demo_store):
    page = LearningPage(demo_store)
    qtbot.addWidget(page)
    dialog = CoursewareDialog(demo_store, page)
    qtbot.addWidget(dialog)
    dialog.title.setText("骑手急救常识")
    dialog.on_ok_clicked()
    page.refresh()
    assert "骑手急救常识" in [r[1] for r in page.model.rows]
    page.view.setCurrentIndex(2)
    page.year.setValue(2025)
    assert page.model.rowCount() > 0 and "学时" in page.model.headers[3]
