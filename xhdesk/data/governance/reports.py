"""Taking a report at a station (with photos) and reading reports back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import select

from xhdesk.data.core.attachments import check_content, file_name, stored_file
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.records import get_live
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.core.validation import require_text
from xhdesk.data.governance.vocab import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    PHOTO_SUFFIXES,
    REPORT_KINDS,
)
from xhdesk.data.models import Node, Person
from xhdesk.data.models.governance import GovernanceReport, ReportPhoto
from xhdesk.data.registry.units import node_unit_code


def take_report(
    store: Store,
    person_id: str,
    kind: str,
    place: str,
    description: str,
    *,
    station_id: str | None = None,
    photos: Iterable[tuple[str, bytes]] = (),
    at: datetime | None = None,
    author: str | None = None,
) -> GovernanceReport:
    """A 随手拍 brought to the station: who saw what, where; photos are (file name, bytes)."""
    if kind not in REPORT_KINDS:
        raise ValidationError("请选择报送类别。", field="kind")
    place = require_text(place, field="place", label="地点", max_length=120)
    description = require_text(description, field="description", label="情况描述", max_length=1000)
    photo_list = list(photos)
    if len(photo_list) > MAX_PHOTOS:
        raise ValidationError(f"每条报送最多上传{MAX_PHOTOS}张照片。", field="photos")
    when = at or datetime.now()
    with store.unit_of_work(author) as uow:
        person = get_live(uow, Person, person_id, "报送人")
        station = station_id or _node_station(uow) or person.station_id
        report = uow.add(
            GovernanceReport(
                number=_next_number(uow, when),
                person_id=person.id,
                station_id=station,
                kind=kind,
                place=place,
                description=description,
                reported_at=when,
                taken_by=uow.author[:30],
                node_id=store.node_id,
            )
        )
        uow.flush()
        for filename, data in photo_list:
            _add_photo(uow, report.id, filename, data)
    return report


def add_photo(
    store: Store, report_id: str, filename: str, data: bytes, author: str | None = None
) -> Changes:
    with store.unit_of_work(author) as uow:
        if uow.session.get(GovernanceReport, report_id) is None:
            raise ValidationError("报送记录不存在。")
        count = uow.session.exec(
            select(sa.func.count()).where(ReportPhoto.report_id == report_id)
        ).one()
        if count >= MAX_PHOTOS:
            raise ValidationError(f"每条报送最多上传{MAX_PHOTOS}张照片。", field="photos")
        _add_photo(uow, report_id, filename, data)
    return uow.changes


def photos_of(store: Store, report_id: str) -> list[tuple[str, str, int]]:
    """(photo id, file name, size) of a report's photos."""
    stmt = select(ReportPhoto.id, ReportPhoto.filename, ReportPhoto.size).where(
        ReportPhoto.report_id == report_id
    )
    with store.session() as session:
        return [(i, n, s) for i, n, s in session.exec(stmt)]


def photo_data(store: Store, photo_id: str) -> tuple[str, bytes]:
    with store.session() as session:
        row = session.get(ReportPhoto, photo_id)
        if row is None:
            raise ValidationError("照片不存在。")
        return row.filename, row.data


# -- helpers -------------------------------------------------------------------------------------
def _node_station(uow: UnitOfWork) -> str | None:
    node = uow.session.get(Node, uow.store.node_id)
    return node.station_id if node is not None else None


def _next_number(uow: UnitOfWork, when: datetime) -> str:
    """SP-20261128-S07-003: unique across nodes because each node numbers under its unit code."""
    prefix = node_unit_code(uow.session, uow.store)
    head = f"SP-{when:%Y%m%d}-{prefix}-"
    last = uow.session.exec(
        select(sa.func.max(GovernanceReport.number)).where(
            GovernanceReport.number.like(head + "%")  # type: ignore[attr-defined]
        )
    ).one()
    n = int(last[len(head) :]) + 1 if last else 1
    return f"{head}{n:03d}"


def _add_photo(uow: UnitOfWork, report_id: str, filename: str, data: bytes) -> None:
    name = file_name(filename)
    if not name:
        raise ValidationError("照片缺少文件名。")
    if not name.lower().endswith(PHOTO_SUFFIXES):
        raise ValidationError(f"「{name}」不是照片（支持 jpg、png、heic 或 pdf）。")
    check_content("照片", name, data, MAX_PHOTO_BYTES)
    uow.add(ReportPhoto(report_id=report_id, **stored_file(name, data, uow.author)))
