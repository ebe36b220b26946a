"""The 打印 menu: what ``install(window)`` adds to ``window.menus["print"]``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMainWindow, QMessageBox

from xhdesk.data.core.print_settings import print_settings
from xhdesk.i18n import tr
from xhdesk.ui.common.icons import qta
from xhdesk.ui.common.messages import show_error

if TYPE_CHECKING:
    from xhdesk.printing.fonts import FontSet


# reportlab and QtPdf load when something is printed, not when the window starts.
def _fonts(window: QMainWindow) -> FontSet:
    from xhdesk.printing.fonts import load_fonts

    return load_fonts(print_settings(window.store).font)


def show_preview(*args: Any, **kwargs: Any) -> Any:
    from xhdesk.ui.printing.preview import show_preview as show

    return show(*args, **kwargs)


def open_pdf(window: QMainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, tr("打印预览"), "", tr("PDF 文件 (*.pdf)"))
    if path:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            show_error(window, tr(f"无法读取 {path}：{exc.strerror or exc}"))
            return
        show_preview(window, data, Path(path).stem, Path(path).name)


def awards_dialog(window: QMainWindow) -> None:
    from xhdesk.ui.awards.awards_dialog import AwardsDialog

    dialog = AwardsDialog(window.store, window)
    dialog.exec()


def _render(window: QMainWindow, render: Any) -> bytes | None:
    from xhdesk.ui.printing.consent import render_with_consent

    try:
        fonts = _fonts(window)
    except Exception as exc:  # noqa: BLE001 — no usable font: said in words
        show_error(window, exc)
        return None
    return render_with_consent(window, render, fonts)


def points_notice(window: QMainWindow) -> None:
    from xhdesk.data.points import public_notice
    from xhdesk.printing.points_notice import render_points_notice

    try:
        data = public_notice(window.store)
    except Exception as exc:  # noqa: BLE001 — shown in words (or logged if a bug)
        show_error(window, exc)
        return
    pdf = _render(window, lambda fonts: render_points_notice(data, fonts))
    if pdf is not None:
        show_preview(window, pdf, data.get("title") or tr("积分公示"))


def award_notice(window: QMainWindow) -> None:
    from datetime import date

    from xhdesk.data.awards import award_notice as notice_data
    from xhdesk.data.awards import award_years
    from xhdesk.printing.award_notice import render_award_notice

    years = [str(y) for y in award_years(window.store)] or [str(date.today().year)]
    year, ok = QInputDialog.getItem(window, tr("评选结果公示"), tr("年度"), years, 0, False)
    if not ok:
        return
    data = notice_data(window.store, int(year))
    if not data["rows"]:
        show_error(window, tr(f"{year}年度还没有确定评选结果，无需公示。"))
        return
    pdf = _render(window, lambda fonts: render_award_notice(data, fonts))
    if pdf is not None:
        show_preview(window, pdf, data["title"])


def receipt(window: QMainWindow) -> None:
    from xhdesk.data.requests import receipt_fields
    from xhdesk.printing.receipt import render_receipt

    number, ok = QInputDialog.getText(window, tr("受理回执"), tr("诉求编号："))
    if not ok or not number.strip():
        return
    try:
        data = receipt_fields(window.store, number.strip())
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc)
        return
    pdf = _render(window, lambda fonts: render_receipt(data, fonts))
    if pdf is not None:
        show_preview(window, pdf, tr(f"受理回执 {data['number']}"))


def meeting_notice(window: QMainWindow) -> None:
    from xhdesk.printing.meeting_notice import render_meeting_notice
    from xhdesk.ui.printing.forms import MeetingNoticeDialog

    dialog = MeetingNoticeDialog(window.store, window)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            notice = dialog.notice()
        except Exception as exc:  # noqa: BLE001
            show_error(dialog, exc)
            continue
        pdf = _render(window, lambda fonts, n=notice: render_meeting_notice(n, fonts))
        if pdf is not None:
            show_preview(window, pdf, notice.title)
        return


def calibration(window: QMainWindow) -> None:
    from xhdesk.printing.overlay import PrinterOffset, render_calibration
    from xhdesk.ui.printing.forms import CalibrationDialog

    dialog = CalibrationDialog(window.store, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        name, dx, dy = dialog.save()
    except Exception as exc:  # noqa: BLE001
        show_error(window, exc)
        return
    offset = PrinterOffset(dx, dy)
    pdf = _render(
        window, lambda fonts: render_calibration(offset=offset, printer=name, fonts=fonts)
    )
    if pdf is not None:
        show_preview(window, pdf, tr("套打校准页"))


def verify(window: QMainWindow) -> None:
    from xhdesk.data.awards import verify_code

    code, ok = QInputDialog.getText(
        window, tr("证书验真"), tr("扫描或输入证书二维码中的文字（XHV1.…）：")
    )
    if not ok or not code.strip():
        return
    verdict = verify_code(window.store, code)
    if verdict.genuine:
        QMessageBox.information(window, tr("证书验真"), verdict.summary())
    else:
        QMessageBox.warning(window, tr("证书验真"), tr("验证未通过：") + verdict.reason)


def print_setup(window: QMainWindow) -> None:
    from xhdesk.ui.printing.forms import PrintSettingsDialog

    dialog = PrintSettingsDialog(window.store, window)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            dialog.save()
        except Exception as exc:  # noqa: BLE001
            show_error(dialog, exc)
            continue
        return


ACTIONS = (
    ("fa5s.file-pdf", "打印预览…", open_pdf),
    ("fa5s.certificate", "荣誉证书…", awards_dialog),
    ("fa5s.clipboard-list", "积分公示…", points_notice),
    ("fa5s.trophy", "评选结果公示…", award_notice),
    ("fa5s.receipt", "受理回执…", receipt),
    ("fa5s.bullhorn", "活动通知…", meeting_notice),
    ("fa5s.ruler-combined", "套打校准页…", calibration),
    ("fa5s.qrcode", "证书验真…", verify),
    ("fa5s.cog", "打印设置…", print_setup),
)


def install(window: QMainWindow) -> None:
    """Add the printing actions to the window's 打印 menu."""
    menu = window.menus["print"]
    menu.addSeparator()
    for icon, text, handler in ACTIONS:
        action = menu.addAction(qta.icon(icon, color="#444"), tr(text))
        action.triggered.connect(lambda _checked=False, h=handler: h(window))
