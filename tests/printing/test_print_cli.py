"""The command line: a name no face can draw stops the print with one line naming it; 套打 sheets
carry a QR code that `xhdesk verify` accepts; the award 公示 precedes its certificates."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fake_fonts import extension_font
from printing_samples import pdf_pages
from pypdf import PdfReader

import xhdesk.documents.awards as documents
from xhdesk.cli import main
from xhdesk.data import awards
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.models import Person
from xhdesk.printing import fonts
from xhdesk.printing.layout import qr_path

YEAR = 2026


@pytest.fixture(autouse=True)
def _fresh_fonts():
    fonts.load_fonts.cache_clear()
    yield
    fonts.load_fonts.cache_clear()


def _winners(store, names: list[str]) -> None:
    awards.open_selections(store, YEAR, issuer="中共兴化市委组织部")
    aid = awards.award_id(YEAR, "red_rider")
    for i, name in enumerate(names):
        first17 = f"32128119900101{i:03d}"
        person = Person(
            name=name,
            id_number=first17 + id_check_char(first17),
            occupation="rider",
            gender="男",
            political_status="masses",
            phone="13812345678",
        )
        with store.unit_of_work() as uow:
            uow.add(person)
        awards.nominate(store, aid, person.id, "暴雨夜坚持配送")
    awards.set_winners(store, aid, [c.nomination_id for c in awards.candidates(store, aid)])


def _print(db: str, out: Path, *extra: str) -> int:
    return main(
        ["print", "certificates", "--db", db, "--year", str(YEAR), *extra, "--out", str(out)]
    )


def test_a_name_no_face_has_stops_the_cli_with_one_line(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(fonts, "candidate_files", lambda: [])  # only the shipped face
    _winners(store, ["欧阳晓东", "王𠮷"])
    out = tmp_path / "certs.pdf"
    assert _print(str(store.path), out) == 2
    err = capsys.readouterr().err.strip()
    assert err == "xhdesk: 王𠮷：无法打印「𠮷」，请安装含扩展字库的字体或在打印设置中选择字体"
    assert not out.exists()


def test_with_an_extension_face_installed_the_name_prints(store, tmp_path, monkeypatch):
    extension_font(tmp_path)
    monkeypatch.setattr(fonts, "candidate_files", lambda: [str(tmp_path / "ExtB.ttf")])
    _winners(store, ["王𠮷"])
    out = tmp_path / "certs.pdf"
    assert _print(str(store.path), out) == 0
    assert "王𠮷同志" in pdf_pages(out.read_bytes())[0]


def test_overlay_sheets_carry_a_qr_code_that_verifies(store, tmp_path, capsys):
    _winners(store, ["欧阳晓东", "曾丽"])
    out = tmp_path / "overlay.pdf"
    assert _print(str(store.path), out, "--overlay") == 0
    pages = PdfReader(out).pages
    docs = documents.certificate_documents(store, YEAR)
    assert len(pages) == len(docs) == 2
    for page, doc in zip(pages, docs, strict=True):
        content = page.get_contents().get_data().decode("latin-1")
        assert qr_path(doc.code)[1] in content  # the modules of exactly this code
        assert "扫码验真" in page.extract_text()
        capsys.readouterr()
        assert main(["verify", "--db", str(store.path), doc.code]) == 0


def test_the_award_notice_precedes_the_certificates_it_leads_to(store):
    _winners(store, ["欧阳晓东"])
    awards.issue_certificates(store, awards.award_id(YEAR, "red_rider"))
    issued = documents.certificate_documents(store, YEAR)[0]
    notice = awards.award_notice(store, YEAR, today=issued.issued_on + timedelta(days=30))
    assert notice["period_end"] < issued.issued_on
    assert notice["issued_on"] == notice["period_start"]
