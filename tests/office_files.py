"""Spreadsheets made the way offices make them, for the import tests.

Names refer to the units of ``tests/registry_seed.py``; ID numbers come from its ``id_number``
(serials from 20 up, so they do not collide with the seeded persons 1–6).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Border, PatternFill, Side
from registry_seed import id_number

BRANCH = "快递外卖第一流动党支部"
ENTERPRISE = "兴化市美团外卖配送服务有限公司"
STATION = "城东便民超市暖蜂驿站"
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


def wrong_check_digit(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def titled_roster(path: Path) -> dict[str, Any]:
    """花名册 with a title row, a two-row merged header and the usual mistakes.

    Rows (Excel numbering): 4 ok, 5 full-width ID and a padded name, 6 ID stored as a number
    (float-mangled), 7 ID as text in scientific notation, 8 wrong check digit, 9 unknown branch and
    an unknown occupation (two bad cells), 10 ok.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["兴化市快递外卖行业从业人员花名册（2026年11月）"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "姓名", "公民身份号码", "联系方式", None, "职业", "政治面貌", "所在支部"])
    ws.append([None, None, None, "手机", "住址", None, None, None])
    for col in "ABCFGH":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    ok = id_number(20)
    rows = [
        [1, "孙立", ok, "13852300001", "昭阳街道英武路1号", "外卖骑手", "中共党员", BRANCH],
        [
            2,
            "周  强",
            full_width(id_number(21)),
            full_width("13852300002"),
            "",
            "快递员",
            "群众",
            "",
        ],
        [3, "吴敏", float(id_number(22)), "13852300003", "", "快递员", "群众", ""],
        [4, "郑洁", "3.21281E+17", "13852300004", "", "快递员", "群众", ""],
        [5, "冯涛", wrong_check_digit(id_number(24)), "13852300005", "", "快递员", "群众", ""],
        [6, "陈静", id_number(25), "13852300006", "", "送水工", "中共党员", "不存在的党支部"],
        [7, "褚卫", id_number(26), "13852300007", "", "骑手", "团员", ""],
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return {"ok": ok, "padded_name_id": id_number(21)}


def gbk_csv(path: Path) -> None:
    """A CSV saved by Excel on a Chinese Windows (GBK), with a duplicate row and text dates."""
    lines = [
        "姓名,身份证号,手机号,职业群体,政治面貌,所在党支部,入党时间",
        f"蒋华,{id_number(30)},138 5230 0030,外卖骑手,中共党员,{BRANCH},2015年7月1日",
        f"沈燕,{id_number(31)},13852300031,快递员,中共预备党员,{BRANCH},2026.03.15",
        f"蒋华,{id_number(30)},13852300030,外卖骑手,中共党员,{BRANCH},2015-07-01",
        f"韩冰,{id_number(32)},1385230003,快递员,群众,,",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))


def serial_dates_with_trailing_rows(path: Path) -> None:
    """Excel serial dates (general format), a hidden column and 1,000 formatted empty rows."""
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "内部编号", "身份证号码", "职业群体", "政治面貌", "入党日期", "所在党支部"])
    ws.append(["杨帆", "X-001", id_number(40), "外卖骑手", "中共党员", 42186, BRANCH])  # 2015-07-01
    ws.append(
        [
            "朱琳",
            "X-002",
            id_number(41, male=False),
            "快递员",
            "中共党员",
            date(2018, 6, 30),
            BRANCH,
        ]
    )
    ws.append(["秦岭", "X-003", id_number(42), "快递员", "群众", None, None])
    ws.column_dimensions["B"].hidden = True
    thin = Side(style="thin")
    fill = PatternFill("solid", fgColor="FFFFEE")
    for r in range(5, 1005):
        for c in range(1, 8):
            cell = ws.cell(row=r, column=c)
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            cell.fill = fill
        ws.cell(row=r, column=1).value = " "  # a space someone typed and forgot
    wb.save(path)


def two_sheets(path: Path) -> None:
    """党员 and 群众 on two sheets, and a hidden sheet of options."""
    wb = Workbook()
    members = wb.active
    members.title = "党员"
    members.append(["姓名", "身份证号码", "职业群体", "政治面貌", "所在党支部"])
    members.append(["许诺", id_number(50), "外卖骑手", "中共党员", BRANCH])
    masses = wb.create_sheet("群众")
    masses.append(["姓名", "身份证号码", "职业群体", "手机号码"])
    masses.append(["何平", id_number(51), "快递员", "13852300051"])
    masses.append(["吕方", id_number(52), "网约车司机", "13852300052"])
    hidden = wb.create_sheet("选项")
    hidden.sheet_state = "hidden"
    hidden.append(["外卖骑手"])
    wb.save(path)


def excel_97(path: Path) -> None:
    """An .xls as older Excel and WPS save it: a title row, an ID number typed as a number."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("党员名册")
    ws.write_merge(0, 0, 0, 4, "某某党支部党员名册")
    for c, header in enumerate(["姓名", "身份证号", "职业", "政治面貌", "入党时间"]):
        ws.write(1, c, header)
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    rows = [
        ("葛优", id_number(100), "网约车司机", "中共党员", date(2012, 7, 1)),
        ("乐嘉", float(id_number(101)[:-1] + "1"), "快递员", "群众", None),
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(
                    r, c, value, dates if isinstance(value, date) else xlwt.Style.default_style
                )
    wb.save(str(path))
