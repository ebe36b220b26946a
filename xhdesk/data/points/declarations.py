"""Declaring points (个人申报): one deed of one person, or one activity with many attendees.

A station operator declares on the person's behalf, or a branch secretary does. The declaration
records the person's branch and committee at that moment, so that queues filter in SQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import select

from xhdesk.data.core.attachments import check_content, file_name, stored_file
from xhdesk.data.core.errors import NotFoundError, ValidationError
from xhdesk.data.core.store import Store
from xhdesk.data.core.unit_of_work import Changes, UnitOfWork
from xhdesk.data.models import Branch, Person
from xhdesk.data.models.points import Declaration, DeclarationAttachment, PointRule
from xhdesk.data.points.flow import DECLARE_ADVICE, Loaded, append_event, check_caps, now_utc
from xhdesk.data.points.scope import NodeScope, node_scope  # noqa: F401  (re-exported)
from xhdesk.data.registry.units import node_unit_code

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Deed:
    """What is declared: the rule, how much, when, where and what happened."""

    rule_id: str
    deed_date: date
    quantity: float = 1.0
    description: str = ""
    place: str = ""


def declare(
    store: Store,
    person_id: str,
    deed: Deed,
    *,
    attachments: Iterable[tuple[str, bytes]] = (),
    station_id: str | None = None,
    author: str | None = None,
    today: date | None = None,
) -> Changes:
    """Declare one deed of one person; ``attachments`` are (file name, bytes)."""
    with store.unit_of_work(author) as uow:
        rule = _check_deed(uow, deed, today or date.today())
        decl = _new_declaration(uow, person_id, deed, rule, station_id, None)
        for filename, data in attachments:
            _add_attachment(uow, decl.id, filename, data)
    return uow.changes


def declare_batch(
    store: Store,
    person_ids: Iterable[str],
    deed: Deed,
    *,
    station_id: str | None = None,
    author: str | None = None,
    today: date | None = None,
) -> Changes:
    """One activity, many attendees: a declaration per person sharing one batch id."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        raise ValidationError("请至少选择一名参加人员。", field="persons")
    batch_id = str(uuid.uuid4())
    with store.unit_of_work(author) as uow:
        rule = _check_deed(uow, deed, today or date.today())
        for person_id in ids:
            _new_declaration(uow, person_id, deed, rule, station_id, batch_id)
    return uow.changes


def attach(
    store: Store, declaration_id: str, filename: str, data: bytes, author: str | None = None
) -> Changes:
    """Add one piece of evidence to a declaration."""
    with store.unit_of_work(author) as uow:
        if uow.session.get(Declaration, declaration_id) is None:
            raise NotFoundError("积分申报不存在。")
        _add_attachment(uow, declaration_id, filename, data)
    return uow.changes


def attachment_data(store: Store, attachment_id: str) -> tuple[str, str, bytes]:
    """(file name, mime type, bytes) of one attachment."""
    with store.session() as session:
        row = session.get(DeclarationAttachment, attachment_id)
        if row is None:
            raise NotFoundError("附件不存在。")
        return row.filename, row.mime, row.data


# -- helpers -------------------------------------------------------------------------------------
def _check_deed(uow: UnitOfWork, deed: Deed, today: date) -> PointRule:
    rule = uow.session.get(PointRule, deed.rule_id)
    if rule is None or rule.deleted:
        raise ValidationError("请选择积分细则。", field="rule")
    if deed.deed_date > today:
        raise ValidationError("事项日期不能晚于今天。", field="deed_date")
    year = deed.deed_date.year
    if year < rule.valid_from or (rule.valid_to is not None and year > rule.valid_to):
        raise ValidationError(f"积分细则「{rule.title}」在{year}年不适用。", field="rule")
    if not 0 < deed.quantity <= 10000:
        raise ValidationError("数量应大于0。", field="quantity")
    if len(deed.description) > 500:
        raise ValidationError("事项说明不能超过500个字。", field="description")
    return rule


def _new_declaration(
    uow: UnitOfWork,
    person_id: str,
    deed: Deed,
    rule: PointRule,
    station_id: str | None,
    batch_id: str | None,
    *,
    row_id: str | None = None,
    refuse_duplicate: bool = True,
) -> Declaration:
    person = uow.session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError("申报人不在人员库中或已删除。")
    if refuse_duplicate:
        _refuse_duplicate(uow, person, deed)
    branch = uow.session.get(Branch, person.branch_id) if person.branch_id else None
    store = uow.store
    decl = Declaration(
        **({"id": row_id} if row_id else {}),
        number=_next_number(uow, deed.deed_date.year),
        person_id=person.id,
        rule_id=rule.id,
        quantity=deed.quantity,
        deed_date=deed.deed_date,
        place=deed.place.strip()[:80],
        description=deed.description.strip(),
        declared_by=uow.author[:30],
        origin_node_id=store.node_id,
        station_id=station_id or person.station_id,
        branch_id=person.branch_id,
        committee_id=branch.committee_id if branch else None,
        batch_id=batch_id,
        created_at=now_utc(),
    )
    uow.add(decl)
    uow.flush()
    claim = Loaded(decl, [], rule, person.name)
    check_caps(uow, claim, claim.claimed_points, DECLARE_ADVICE)
    append_event(uow, decl.id, "submitted")
    return decl


def _refuse_duplicate(uow: UnitOfWork, person: Person, deed: Deed) -> None:
    """The same person, rule and day twice is almost always a typing slip."""
    from xhdesk.data.points.state import state_sql

    d = Declaration.__table__  # type: ignore[attr-defined]
    stmt = sa.select(d.c.number).where(
        d.c.person_id == person.id,
        d.c.rule_id == deed.rule_id,
        d.c.deed_date == deed.deed_date,
        state_sql(d.c.id) != "rejected",
    )
    number = uow.session.connection().execute(stmt).scalar()
    if number:
        raise ValidationError(
            f"{person.name}在{deed.deed_date:%Y-%m-%d}已有同一细则的申报（{number}），请勿重复申报。"
        )


def _next_number(uow: UnitOfWork, year: int) -> str:
    """JF2026-S07-00012: unique across nodes because each node numbers under its unit's code."""
    prefix = node_unit_code(uow.session, uow.store)
    head = f"JF{year}-{prefix}-"
    last = uow.session.exec(
        select(sa.func.max(Declaration.number)).where(Declaration.number.like(head + "%"))  # type: ignore[attr-defined]
    ).one()
    n = int(last[len(head) :]) + 1 if last else 1
    return f"{head}{n:05d}"


def _add_attachment(uow: UnitOfWork, declaration_id: str, filename: str, data: bytes) -> None:
    name = file_name(filename)
    if not name:
        raise ValidationError("附件缺少文件名。")
    check_content("附件", name, data, MAX_ATTACHMENT_BYTES)
    uow.add(
        DeclarationAttachment(
            declaration_id=declaration_id,
            created_at=now_utc(),
            **stored_file(name, data, uow.author),
        )
    )


SOURCE_NAMESPACE = uuid.UUID("6f0c1e52-8d5e-4f0a-9a57-0d6c2b7e1717")


def source_declaration_id(source_id: str) -> str:
    """The id of the one declaration a source (an accepted report, …) may yield."""
    return str(uuid.uuid5(SOURCE_NAMESPACE, source_id))


def declare_from_source(
    uow: UnitOfWork,
    person_id: str,
    deed: Deed,
    *,
    source_id: str,
    station_id: str | None = None,
    today: date | None = None,
) -> Declaration | None:
    """Declare inside the caller's unit of work on behalf of a source record (``batch_id``).

    The declaration's id is derived from the source, so a source never yields two declarations —
    not when the step is repeated, nor when two desks do it and sync (both rows are one row).
    Returns None if it exists already. The caps are checked before anything is written, so a
    caller may catch the WorkflowError and carry on without points.
    """
    row_id = source_declaration_id(source_id)
    if uow.session.get(Declaration, row_id) is not None:
        return None
    rule = _check_deed(uow, deed, today or date.today())
    person = uow.session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError("申报人不在人员库中或已删除。")
    probe = Declaration(
        id=row_id,
        number="",
        person_id=person_id,
        rule_id=rule.id,
        quantity=deed.quantity,
        deed_date=deed.deed_date,
        created_at=now_utc(),
    )
    check_caps(uow, Loaded(probe, [], rule, person.name), rule.points * deed.quantity, "")
    return _new_declaration(
        uow, person_id, deed, rule, station_id, source_id, row_id=row_id, refuse_duplicate=False
    )
