"""工作概览: the tab shows the services' figures, opens the list behind one, charts hover and export."""

from __future__ import annotations

from xhdesk.data.overview.period import parse_period
from xhdesk.data.overview.place import Place
from xhdesk.data.overview.report import load_overview
from xhdesk.ui.main_window import MainWindow


def open_overview(qtbot, store, period: str = "2026"):
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    tab = window.current_tab()
    assert tab.title == "工作概览" and window.tabs.tabText(0) == "工作概览"
    tab.wait_loaded()
    tab.set_period(parse_period(period))
    qtbot.waitUntil(lambda: tab.overview is not None and tab.overview.period.code == period)
    qtbot.waitUntil(
        lambda: bool(tab.charts) and tab.charts[0].data.categories[-1] <= period + "-12"
    )
    return window, tab


def test_the_cards_show_the_figures_of_the_services(qtbot, demo_store):
    window, tab = open_overview(qtbot, demo_store, "2026-11")
    expected = load_overview(demo_store, Place(), parse_period("2026-11"))
    for figure in expected.figures:
        card = tab.figures.cards[figure.key]
        assert card.text().split("\n")[0] == figure.text
    assert tab.figures.cards["promise.leader"].text().startswith("100.0%  39/39")
    assert "2026年11月" in window.status_label.text()


def test_a_missing_role_appears_in_the_shortfall_list(qtbot, demo_store):
    from xhdesk.data.registry.organisation import update_enterprise

    with demo_store.session() as session:
        from sqlmodel import select

        from xhdesk.data.models import Enterprise

        first = session.exec(select(Enterprise).order_by(Enterprise.name)).first()
    update_enterprise(demo_store, first.id, {"section_staff": ""})
    _window, tab = open_overview(qtbot, demo_store, "2026")
    assert tab.shortfalls.rowCount() == 1
    assert tab.shortfalls.item(0, 0).text() == first.name
    assert tab.shortfalls.item(0, 1).text() == "职能科室人员"


def test_clicking_a_figure_opens_the_filtered_list_behind_it(qtbot, demo_store):
    window, tab = open_overview(qtbot, demo_store)
    tab.figures.cards["stations.warm_bee"].click()
    stations = window.current_tab()
    assert stations.title == "驿站阵地" and stations.model.rowCount() == 56
    window.tabs.setCurrentIndex(0)
    tab.figures.cards["members"].click()
    members = window.current_tab()
    assert members.filters["political_status"].currentData() == "party"
    assert members.model.rowCount() == tab.overview.figure("members").value == 239


def test_charts_hover_values_and_export_png(qtbot, demo_store, tmp_path):
    _window, tab = open_overview(qtbot, demo_store, "2026")
    view = next(v for v in tab.charts if v.data.key == "declarations_by_month")
    series = view.data.series[0]
    month = view.data.categories.index("2026-11")
    text = view.hover_text(0, month)
    assert text == f"2026-11 · 党的生活：{series.values[month]:,.0f} 条"
    bar_set = view.chart().series()[0].barSets()[0]
    bar_set.hovered.emit(True, month)
    assert view.last_hover == text
    path = tmp_path / "chart.png"
    assert view.export_png(str(path)) and path.stat().st_size > 1000
    for v in tab.charts:
        v.grab().save(str(tmp_path / f"{v.data.key}.png"))
    assert len(list(tmp_path.glob("*.png"))) == len(tab.charts) + 1


def test_print_previews_the_period_report(qtbot, demo_store):
    _window, tab = open_overview(qtbot, demo_store, "2026Q4")
    tab.action_print()
    qtbot.waitUntil(lambda: getattr(tab, "preview", None) is not None, timeout=30_000)
    assert tab.preview.title == "兴化市新就业群体党建工作季报（2026年第四季度）"
    assert tab.preview.data.startswith(b"%PDF")
    tab.preview.close()


def test_a_period_without_activity_shows_zeros_and_empty_charts(qtbot, demo_store):
    import math

    from PySide6.QtCharts import QValueAxis

    _window, tab = open_overview(qtbot, demo_store, "2025")
    assert tab.figures.cards["requests_received"].text().startswith("0\n")
    assert tab.figures.cards["on_time_rate"].text().startswith("—\n")
    for view in tab.charts:
        (axis,) = [a for a in view.chart().axes() if isinstance(a, QValueAxis)]
        assert math.isfinite(axis.min()) and math.isfinite(axis.max()) and axis.max() > 0
