"""党员发展 documents as PDF bytes: the data layer's values laid out by ``xhdesk.printing``."""

from __future__ import annotations

from datetime import date

from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.data.development.notices import development_notice, record_checklist, review_cover
from xhdesk.printing import development as document
from xhdesk.printing.fonts import FontSet, load_fonts


def _fonts(store: Store) -> FontSet:
    return load_fonts(print_settings(store).font)


def notice_pdf(
    store: Store, kind: str, *, branch_id: str | None = None, as_of: date | None = None
) -> tuple[bytes, int]:
    """The 公示 PDF and how many persons it lists."""
    data = development_notice(store, kind, branch_id=branch_id, as_of=as_of)
    return document.render_development_notice(data, _fonts(store)), len(data["rows"])


def review_cover_pdf(store: Store, person_id: str) -> bytes:
    return document.render_review_cover(review_cover(store, person_id), _fonts(store))


def record_pdf(store: Store, person_id: str) -> bytes:
    return document.render_record(record_checklist(store, person_id), _fonts(store))
