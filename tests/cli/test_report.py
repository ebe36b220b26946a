"""xhdesk report: PDF and xlsx for a month, a quarter and a year, with the tab's figures."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from xhdesk.cli import main
from xhdesk.data.overview.period import parse_period
from xhdesk.data.overview.place import Place
from xhdesk.data.overview.report import load_overview


@pytest.mark.parametrize("period", ["2026-11", "2026Q4", "2026"])
def test_report_pdf_and_xlsx_carry_the_tabs_figures(demo_store, tmp_path, period, capsys):
    db = str(demo_store.path)
    overview = load_overview(demo_store, Place(), parse_period(period))
    shown = {f.label: f.text for f in overview.figures}
    demo_store.close()
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    assert main(["report", "--db", db, "--period", period, "--out", str(xlsx)]) == 0
    assert main(["report", "--db", db, "--period", period, "--out", str(pdf)]) == 0
    assert capsys.readouterr().out.split() == [str(xlsx), str(pdf)]

    sheet = load_workbook(xlsx)["主要数据"]
    in_xlsx = {row[1]: row[2] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert in_xlsx.keys() == shown.keys()
    for f in overview.figures:  # numbers stay numbers; rates are shown as on the tab
        if f.unit == "%" or f.value is None:
            assert in_xlsx[f.label] == f.text
        else:
            assert in_xlsx[f.label] == pytest.approx(f.value)
    coverage = load_workbook(xlsx)["覆盖情况"]
    assert [r[1:3] for r in coverage.iter_rows(min_row=3, values_only=True)] == [
        (p.covered, p.total) for p in overview.coverage.promises
    ]

    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "")
    label = parse_period(period).label
    assert label in text and "三个100%" in text and "本期各企业均已落实" in text
    for name in ("暖蜂驿站", "认定积分", "按时办结率"):
        assert name + shown[name].replace(",", "") in text.replace(",", "").replace("\n", "")


def test_report_refuses_a_bad_period_or_format(demo_store, tmp_path, capsys):
    db = str(demo_store.path)
    assert (
        main(["report", "--db", db, "--period", "2026-13", "--out", str(tmp_path / "a.pdf")]) == 2
    )
    assert "统计期间" in capsys.readouterr().err
    assert main(["report", "--db", db, "--period", "2026", "--out", str(tmp_path / "a.docx")]) == 2
    assert ".pdf 或 .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "a.docx").exists()
