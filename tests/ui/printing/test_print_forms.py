"""The short printing forms: meeting notice, 套打 calibration, print settings."""

from __future__ import annotations

import pytest
from PIL import Image

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.print_settings import print_settings
from xhdesk.ui.printing.forms import CalibrationDialog, MeetingNoticeDialog, PrintSettingsDialog


def test_meeting_notice_form_requires_title_time_and_place(qtbot, store) -> None:
    dialog = MeetingNoticeDialog(store)
    qtbot.addWidget(dialog)
    with pytest.raises(ValidationError, match="标题"):
        dialog.notice()
    dialog.title.setText("关于召开推进会的通知")
    dialog.time.setText("2026年12月3日下午2:30")
    dialog.place.setText("三楼会议室")
    notice = dialog.notice()
    assert notice.issuer == store.node_name and notice.place == "三楼会议室"


def test_calibration_offsets_are_remembered_per_printer(qtbot, store) -> None:
    dialog = CalibrationDialog(store)
    qtbot.addWidget(dialog)
    dialog.printer.setCurrentText("HP M1136")
    dialog.dx.setValue(1.5)
    dialog.dy.setValue(-2.0)
    assert dialog.save() == ("HP M1136", 1.5, -2.0)
    assert print_settings(store).offset_for("HP M1136") == (1.5, -2.0)
    again = CalibrationDialog(store)
    qtbot.addWidget(again)
    again.printer.setCurrentText("HP M1136")
    assert again.dx.value() == 1.5


def test_print_settings_keep_font_and_seal(qtbot, store, tmp_path) -> None:
    seal = tmp_path / "seal.png"
    Image.new("RGBA", (50, 50), (200, 22, 29, 255)).save(seal)
    dialog = PrintSettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.seal.setText(str(seal))
    dialog.save()
    assert print_settings(store).seal_image == str(seal)
    dialog.seal.setText(str(tmp_path / "missing.png"))
    with pytest.raises(ValidationError):
        dialog.save()
