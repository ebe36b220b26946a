"""Award certificates as documents: the data layer's certificates composed into printable values.

This layer stands above both ``xhdesk.data`` and ``xhdesk.printing`` so that neither imports the
other; the window and the command line call it.
"""

from __future__ import annotations

from collections.abc import Callable

from xhdesk.data.awards.certificates import certificate_rows
from xhdesk.data.awards.verification import encode_code
from xhdesk.data.core.errors import NotFoundError
from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.data.models.awards import Certificate
from xhdesk.printing import certificate as document
from xhdesk.printing.fonts import FontSet, load_fonts


def to_document(cert: Certificate, seal_image: str | None = None) -> document.Certificate:
    return document.Certificate(
        number=cert.number,
        recipient=cert.recipient,
        wording=cert.wording,
        issuer=cert.issuer,
        issued_on=cert.issued_on,
        code=encode_code(cert.number, cert.node_id, cert.signature),
        seal_image=seal_image,
    )


def certificate_documents(
    store: Store, year: int, award: str | None = None
) -> list[document.Certificate]:
    seal = print_settings(store).seal_image or None
    return [to_document(c, seal) for c in certificate_rows(store, year, award)]


def certificates_pdf(
    store: Store,
    year: int,
    award: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    """One PDF of every winner's certificate of ``year`` (or of one selection)."""
    docs = certificate_documents(store, year, award)
    if not docs:
        raise NotFoundError(f"{year}年度还没有可打印的荣誉证书（请先确定获奖人员并颁发证书）。")
    fonts = fonts or load_fonts(print_settings(store).font)
    return document.render_certificates(docs, fonts, progress)
