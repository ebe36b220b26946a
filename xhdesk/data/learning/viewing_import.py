"""Bulk import of the learning platform's export (CSV or Excel): one viewing per row.

The export's columns are found by their headers (姓名, 身份证号 or 手机号, 课件名称, 观看日期,
观看时长（分钟）). Every row is checked first; a bad row gives one Chinese line
("第5行：……") and then nothing at all is written. Rows already imported are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import normalise_code, parse_date
from xhdesk.data.imports.reading import read_sheet
from xhdesk.data.learning.hours import viewing_key
from xhdesk.data.models import Person
from xhdesk.data.models.learning import Courseware, Viewing

HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "学员姓名", "学员"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "公民身份号码"),
    "phone": ("手机号", "手机号码", "联系电话", "手机"),
    "courseware": ("课件名称", "课件", "课程名称", "课程"),
    "date": ("观看日期", "学习日期", "日期", "观看时间", "学习时间"),
    "minutes": (
        "观看时长（分钟）",
        "观看时长(分钟)",
        "观看时长",
        "学习时长（分钟）",
        "学习时长",
        "时长",
    ),
}
REQUIRED = ("name", "courseware", "date", "minutes")
MAX_ROWS = 100_000


@dataclass
class ViewingImport:
    """What the file holds: the rows to add, the duplicates skipped, and one line per bad row."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if self.errors:
            return f"发现{len(self.errors)}行有误，未导入任何记录。"
        return f"导入完成：新增观看记录{len(self.rows)}条，跳过已导入{self.skipped}条。"


def _header_map(cells: list[Any]) -> dict[str, int]:
    names = [str(c or "").strip().replace(" ", "") for c in cells]
    found: dict[str, int] = {}
    for key, aliases in HEADERS.items():
        for i, name in enumerate(names):
            if name in aliases and key not in found:
                found[key] = i
    return found


def _find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    for index, cells in enumerate(rows[:10]):
        found = _header_map(cells)
        if all(k in found for k in REQUIRED) and ("id_number" in found or "phone" in found):
            return index, found
    raise ValidationError(
        "找不到表头：需要「姓名」「身份证号」或「手机号」「课件名称」「观看日期」「观看时长（分钟）」列。"
    )


def _cell(cells: list[Any], cols: dict[str, int], key: str) -> Any:
    i = cols.get(key)
    return cells[i] if i is not None and i < len(cells) else None


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(_text(value)[:10].replace("/", "-"), label="观看日期")


def _minutes(value: Any) -> int:
    try:
        minutes = float(_text(value))
    except ValueError:
        raise ValidationError(f"观看时长「{_text(value)}」不是数字") from None
    if not 0 < minutes <= 600:
        raise ValidationError("观看时长应在1到600分钟之间")
    return round(minutes)


class _Lookup:
    """Persons by ID number and by phone, courseware by title — loaded once per import."""

    def __init__(self, session: Session, ids: set[str], phones: set[str]) -> None:
        self.by_id: dict[str, tuple[str, str]] = {}
        self.by_phone: dict[str, list[tuple[str, str]]] = {}
        for chunk in _chunks(sorted(ids)):
            for pid, name, number in session.exec(
                select(Person.id, Person.name, Person.id_number).where(
                    col(Person.id_number).in_(chunk),
                    Person.deleted == False,  # noqa: E712
                )
            ):
                self.by_id[number] = (pid, name)
        for chunk in _chunks(sorted(phones)):
            for pid, name, phone in session.exec(
                select(Person.id, Person.name, Person.phone).where(
                    col(Person.phone).in_(chunk),
                    Person.deleted == False,  # noqa: E712
                )
            ):
                self.by_phone.setdefault(phone, []).append((pid, name))
        self.courseware = {
            title: cid
            for cid, title in session.exec(
                select(Courseware.id, Courseware.title).where(Courseware.deleted == False)  # noqa: E712
            )
        }

    def person(self, name: str, number: str, phone: str) -> str:
        if number:
            pid, known = self.by_id.get(number, ("", ""))
            if not pid:
                raise ValidationError(f"身份证号{number[:6]}********{number[-4:]}不在人员库中")
        elif phone:
            matches = [m for m in self.by_phone.get(phone, []) if m[1] == name]
            if not matches:
                raise ValidationError(f"手机号{phone[:3]}****{phone[-4:]}与姓名{name}对不上人员库")
            pid, known = matches[0]
        else:
            raise ValidationError("缺少身份证号或手机号")
        if known != name:
            raise ValidationError(f"姓名「{name}」与人员库中的「{known}」不一致")
        return pid


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def check_viewings(store: Store, path: str | Path, sheet: str | None = None) -> ViewingImport:
    """Read and check every row; nothing is written."""
    rows = read_sheet(path, sheet).rows
    start, cols = _find_header(rows)
    body = [(start + 2 + i, cells) for i, cells in enumerate(rows[start + 1 :])]
    body = [(n, c) for n, c in body if any(_text(v) for v in c)]
    if len(body) > MAX_ROWS:
        raise ValidationError(f"一次最多导入{MAX_ROWS:,}行，请分批导入。")
    ids = {normalise_code(_text(_cell(c, cols, "id_number"))) for _, c in body} - {""}
    phones = {_text(_cell(c, cols, "phone")).replace(" ", "") for _, c in body} - {""}
    out = ViewingImport()
    with store.session() as session:
        lookup = _Lookup(session, ids, phones)
        keys: set[str] = set()
        for line, cells in body:
            try:
                row = _check_row(cells, cols, lookup)
            except ValidationError as exc:
                out.errors.append(f"第{line}行：{str(exc).rstrip('。')}。")
                continue
            if row["source_key"] in keys:
                out.skipped += 1
                continue
            keys.add(row["source_key"])
            out.rows.append(row)
        known = _existing_keys(session, [r["source_key"] for r in out.rows])
    out.skipped += sum(1 for r in out.rows if r["source_key"] in known)
    out.rows = [r for r in out.rows if r["source_key"] not in known]
    return out


def _check_row(cells: list[Any], cols: dict[str, int], lookup: _Lookup) -> dict[str, Any]:
    name = _text(_cell(cells, cols, "name"))
    if not name:
        raise ValidationError("缺少姓名")
    number = normalise_code(_text(_cell(cells, cols, "id_number")))
    phone = _text(_cell(cells, cols, "phone")).replace(" ", "")
    person_id = lookup.person(name, number, phone)
    title = _text(_cell(cells, cols, "courseware"))
    courseware_id = lookup.courseware.get(title)
    if not courseware_id:
        raise ValidationError(f"课件「{title}」不在课件库中" if title else "缺少课件名称")
    day = _day(_cell(cells, cols, "date"))
    if day > date.today():
        raise ValidationError(f"观看日期{day:%Y-%m-%d}晚于今天")
    minutes = _minutes(_cell(cells, cols, "minutes"))
    return {
        "person_id": person_id,
        "courseware_id": courseware_id,
        "viewed_on": day,
        "minutes": minutes,
        "source": "import",
        "source_key": viewing_key(person_id, courseware_id, day, minutes),
    }


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(keys):
        found.update(
            session.exec(select(Viewing.source_key).where(col(Viewing.source_key).in_(chunk)))
        )
    return found


def import_viewings(
    store: Store,
    path: str | Path,
    *,
    sheet: str | None = None,
    author: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ViewingImport:
    """Check the file, then write every good row in one transaction — or nothing if a row is bad."""
    result = check_viewings(store, path, sheet)
    if result.errors or not result.rows:
        return result
    with store.unit_of_work(author) as uow:
        uow.insert_many(Viewing, result.rows)
    if on_progress is not None:
        on_progress(len(result.rows), len(result.rows))
    return result


def viewing_count(session: Session) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(Viewing)).scalar() or 0)
