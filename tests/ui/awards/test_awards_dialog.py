"""The awards dialog lists candidates with points, chooses winners and previews certificates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from xhdesk.data import awards
from xhdesk.ui.awards.awards_dialog import AwardsDialog
from xhdesk.ui.printing.preview import PrintPreviewDialog


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "s"))


def _previews() -> list[PrintPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog)]


def test_dialog_shows_the_years_candidates_and_prints_certificates(qtbot, demo_store) -> None:
    dialog = AwardsDialog(demo_store, year=2026)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.award.currentText() == "2026年度最美红骑手"
    assert dialog.award.count() == 6
    rows = dialog.model.rowCount()
    assert rows >= 5 and "当选 3 名" in dialog.status.text()
    # choose one more winner: the first candidate not yet chosen
    loser = next(i for i in range(rows) if not dialog.model.candidate(i).winner)
    dialog.table.selectRow(loser)
    dialog.on_winner_clicked()
    assert "当选 4 名" in dialog.status.text()
    before = {id(w) for w in _previews()}  # earlier tests' previews may be deleted meanwhile
    dialog.print_certificates(dialog.award_id())
    qtbot.waitUntil(lambda: any(id(w) not in before for w in _previews()), timeout=15000)
    preview = next(w for w in _previews() if id(w) not in before)
    qtbot.waitUntil(lambda: preview.page_count() == 4)
    assert len(awards.certificate_rows(demo_store, 2026, dialog.award_id())) == 4
    preview.close()


def test_an_empty_year_says_what_to_do(qtbot, demo_store) -> None:
    dialog = AwardsDialog(demo_store, year=2030)
    qtbot.addWidget(dialog)
    assert dialog.stack.currentIndex() == 1 and "尚未设立" in dialog.empty.text()
    dialog.on_open_clicked()
    assert dialog.award.count() == 6
    assert "尚无推荐人选" in dialog.empty.text()


def test_print_menu_has_the_printing_actions(qtbot, demo_store) -> None:
    from xhdesk.ui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menus["print"].actions()]
    for text in (
        "打印预览…",
        "荣誉证书…",
        "积分公示…",
        "评选结果公示…",
        "受理回执…",
        "活动通知…",
        "套打校准页…",
        "证书验真…",
    ):
        assert text in texts
