"""The import wizard at a desk: file → mapping → preview with counts → import → summary."""

from __future__ import annotations

from office_files import titled_roster
from registry_seed import seed

from xhdesk.ui.imports.wizard import ImportWizard

SHOTS = "/tmp"


def _next(qtbot, wizard: ImportWizard, step: int) -> None:
    wizard.next.click()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == step, timeout=20_000)


def test_wizard_maps_previews_and_imports_a_titled_roster(qtbot, store, tmp_path):
    seed(store)
    path = tmp_path / "花名册.xlsx"
    titled_roster(path)
    wizard = ImportWizard(store)
    qtbot.addWidget(wizard)
    wizard.resize(1000, 640)
    wizard.show()
    wizard.file_page.set_path(path)
    assert wizard.file_page.sheet.currentText() == "花名册"

    _next(qtbot, wizard, 1)
    mapping = wizard.mapping_page.mapping()
    headers = wizard.mapping_page.layout.headers
    assert mapping[headers.index("公民身份号码")] == "id_number"
    assert mapping[headers.index("序号")] is None
    wizard.grab().save(f"{SHOTS}/import-mapping.png")

    emitted = []
    wizard.imported.connect(emitted.append)
    _next(qtbot, wizard, 2)
    numbers = {k: label.text() for k, label in wizard.preview_page.numbers.items()}
    assert numbers == {
        "new": "3",
        "updated": "0",
        "unchanged": "0",
        "duplicates_in_file": "0",
        "errors": "4",
    }
    assert wizard.preview_page.refused.rowCount() == 4
    wizard.grab().save(f"{SHOTS}/import-preview.png")

    _next(qtbot, wizard, 3)
    assert "新增 3 人" in wizard.done_label.text()
    assert wizard.report_path == tmp_path / "花名册_错误报告.xlsx" and wizard.report_path.exists()
    assert emitted and emitted[0].touches("person")
    wizard.grab().save(f"{SHOTS}/import-done.png")


def test_a_match_can_be_filled_from_the_preview(qtbot, store, tmp_path):
    seed(store)
    from registry_seed import id_number

    path = tmp_path / "补充.csv"
    path.write_text(
        f"姓名,身份证号码,职业群体,住址\n张三,{id_number(1)},外卖骑手,昭阳街道1号\n",
        encoding="utf-8",
    )
    wizard = ImportWizard(store)
    qtbot.addWidget(wizard)
    wizard.file_page.set_path(path)
    _next(qtbot, wizard, 1)
    _next(qtbot, wizard, 2)
    page = wizard.preview_page
    assert page.numbers["unchanged"].text() == "1"  # skip is the default
    combo = page.row_modes[2]
    combo.setCurrentIndex(combo.findData("fill"))
    assert page.numbers["updated"].text() == "1"
    assert page.matches.item(0, 3).text() == "住址"
    wizard.grab().save(f"{SHOTS}/import-preview-match.png")
    _next(qtbot, wizard, 3)
    assert "更新 1 人" in wizard.done_label.text()


def test_the_file_menu_offers_import(qtbot, demo_store):
    from xhdesk.ui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menus["file"].actions()]
    assert "导入" in titles
    submenu = window.menus["file"].actions()[titles.index("导入")].menu()
    assert [a.text() for a in submenu.actions()] == [
        "从Excel导入…",
        "下载模板…",
        "导出完整名册（可再导入）…",
    ]


def test_cancelling_the_write_says_nothing_changed(qtbot, store, tmp_path, monkeypatch):
    import time

    import xhdesk.ui.imports.wizard as wizard_module

    seed(store)
    path = tmp_path / "花名册.xlsx"
    titled_roster(path)

    def slow_apply(store, plan, mode, overrides, progress):  # stands for a long write
        while True:
            progress(0, 1)
            time.sleep(0.01)

    monkeypatch.setattr(wizard_module, "apply_plan", slow_apply)
    wizard = ImportWizard(store)
    qtbot.addWidget(wizard)
    wizard.file_page.set_path(path)
    _next(qtbot, wizard, 1)
    _next(qtbot, wizard, 2)
    wizard.next.click()
    wizard.task.cancel()
    qtbot.waitUntil(
        lambda: "已取消导入" in wizard.preview_page.refused_label.text(), timeout=20_000
    )
    assert wizard.pages.currentIndex() == 2 and wizard.next.isEnabled()
