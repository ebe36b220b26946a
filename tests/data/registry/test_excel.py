"""Excel export of a listing: same columns, same masked values, bold frozen header, widths."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from registry_seed import seed

from xhdesk.data.core.errors import StorageError
from xhdesk.data.core.excel import export_listing
from xhdesk.data.core.listing import Criteria
from xhdesk.data.registry.listings import persons_listing, stations_listing


def test_the_view_is_written_with_its_columns_and_masked_values(store, tmp_path):
    seed(store)
    listing = persons_listing()
    criteria = Criteria(filters={"political_status": "party"}, sort_key="name")
    seen: list[tuple[int, int]] = []
    path = tmp_path / "党员.xlsx"
    written = export_listing(
        store,
        listing,
        criteria,
        path,
        sheet_title="党员队伍",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert written == 4 and seen[-1] == (4, 4)
    ws = load_workbook(path).active
    assert ws.title == "党员队伍"
    header = [c.value for c in ws[1]]
    assert header == [c.title for c in listing.columns]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert (
        ws.column_dimensions["C"].width > ws.column_dimensions["B"].width
    )  # 身份证号 wider than 性别
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == [
        "欧阳娜娜",
        "曾小明",
        "张三",
        "赵敏",
    ]  # the table's pinyin order
    id_col, phone_col, status_col = (header.index(t) for t in ("身份证号", "手机号", "政治面貌"))
    assert all("********" in r[id_col] and len(r[id_col]) == 18 for r in rows)
    assert rows[2][phone_col] == "138****1234"
    assert rows[0][status_col] == "中共预备党员"


def test_numbers_stay_numbers(store, tmp_path):
    seed(store)
    listing = stations_listing()
    path = tmp_path / "驿站.xlsx"
    export_listing(store, listing, Criteria(), path)
    ws = load_workbook(path).active
    persons_at = [c.value for c in ws[1]].index("常驻人员")
    assert sorted(r[persons_at].value for r in ws.iter_rows(min_row=2)) == [0, 1, 2]


def test_an_unwritable_path_is_a_clear_error(store, tmp_path):
    folder = tmp_path / "是文件夹.xlsx"
    folder.mkdir()
    with pytest.raises(StorageError, match="无法保存Excel文件"):
        export_listing(store, persons_listing(), Criteria(), folder)


class Cancelled(Exception):
    pass


def test_a_cancelled_export_leaves_no_file(store, tmp_path):
    seed(store)
    path = tmp_path / "取消.xlsx"

    def cancel(done: int, total: int) -> None:
        if done:
            raise Cancelled

    with pytest.raises(Cancelled):
        export_listing(store, persons_listing(), Criteria(), path, progress=cancel)
    assert not path.exists()
