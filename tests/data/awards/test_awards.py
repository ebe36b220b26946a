"""Awards: nominations, winners, certificate numbers and signatures, verification, the CLI."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

import xhdesk.documents.awards as documents
from xhdesk.cli import main
from xhdesk.data import awards
from xhdesk.data.awards.certificates import certificate_rows
from xhdesk.data.awards.verification import decode_code, encode_code
from xhdesk.data.core.errors import PermissionDenied, ValidationError, WorkflowError
from xhdesk.data.core.validation import id_check_char
from xhdesk.data.models import Node, Person
from xhdesk.data.overview.stats import headline_figures

YEAR = 2026


def _person(store, name: str, occupation: str, gender: str = "男", status: str = "masses") -> str:
    first17 = f"32128119900101{abs(hash(name)) % 1000:03d}"
    person = Person(
        name=name,
        id_number=first17 + id_check_char(first17),
        occupation=occupation,
        gender=gender,
        political_status=status,
        phone="13812345678",
    )
    with store.unit_of_work() as uow:
        uow.add(person)
    return person.id


@pytest.fixture
def selection(store):
    """A 2026 最美红骑手 selection with three nominated riders; 欧阳晓东 and 曾丽 win."""
    awards.open_selections(store, YEAR, issuer="中共兴化市委组织部")
    aid = awards.award_id(YEAR, "red_rider")
    people = {
        name: _person(store, name, "rider", gender)
        for name, gender in (("欧阳晓东", "男"), ("曾丽", "女"), ("单志强", "男"))
    }
    for name, pid in people.items():
        awards.nominate(store, aid, pid, f"{name}暴雨夜坚持配送")
    by_name = {c.name: c.nomination_id for c in awards.candidates(store, aid)}
    awards.set_winners(store, aid, [by_name["欧阳晓东"], by_name["曾丽"]])
    return aid, people, by_name


def test_the_six_selections_of_a_year(store) -> None:
    changes = awards.open_selections(store, YEAR)
    assert changes.inserted["award"] == 6
    assert not awards.open_selections(store, YEAR)  # opening again changes nothing
    titles = [a.title for a in awards.list_awards(store, YEAR)]
    assert titles[0] == "2026年度最美红骑手" and "2026年度三八红旗手" in titles


def test_candidates_with_points_and_winners(selection, store) -> None:
    aid, _people, _ = selection
    listed = awards.candidates(store, aid)
    assert [c.winner for c in listed] == [True, True, False]  # winners listed first
    assert all(c.points == 0 for c in listed)  # no points recorded in this database
    assert {c.name for c in awards.winners(store, aid)} == {"欧阳晓东", "曾丽"}


def test_nomination_rules(selection, store) -> None:
    aid, people, _ = selection
    with pytest.raises(WorkflowError):
        awards.nominate(store, aid, people["曾丽"], "再次推荐")
    with pytest.raises(ValidationError, match="推荐理由"):
        awards.nominate(store, aid, _person(store, "覃英", "courier"), " ")
    driver = _person(store, "盖伟", "truck_driver")
    with pytest.raises(ValidationError, match="最美红骑手"):
        awards.nominate(store, aid, driver, "安全行驶")
    march8 = awards.award_id(YEAR, "march_8")
    with pytest.raises(ValidationError, match="女性"):
        awards.nominate(store, march8, people["单志强"], "事迹")
    awards.nominate(store, march8, people["曾丽"], "巾帼骑手带头人")


def test_certificates_get_unique_numbers_and_valid_signatures(selection, store) -> None:
    aid, _people, _ = selection
    assert awards.issue_certificates(store, aid).inserted["certificate"] == 2
    assert not awards.issue_certificates(store, aid)  # issued once
    rows = certificate_rows(store, YEAR)
    assert sorted(r.number for r in rows) == ["2026-HQS-ZX-0001", "2026-HQS-ZX-0002"]  # the centre
    for doc in documents.certificate_documents(store, YEAR):
        verdict = awards.verify_code(store, doc.code)
        assert verdict.genuine, verdict.reason
        assert verdict.recipient == doc.recipient and verdict.issuer_node == store.node_name
        assert doc.recipient in verdict.summary()


def test_a_changed_number_or_payload_fails_verification(selection, store) -> None:
    aid, _people, _ = selection
    awards.issue_certificates(store, aid)
    code = documents.certificate_documents(store, YEAR)[0].code
    number, node_id, signature = decode_code(code)
    other = number[:-1] + ("2" if number[-1] != "2" else "3")
    forged = [
        code.replace(number, other),  # another number, same signature
        code[:-2] + ("AA" if not code.endswith("AA") else "BB"),  # a changed signature
        encode_code(number, str(uuid.uuid4()), code.rsplit(".", 1)[1]),
        "XHV1." + number,  # truncated
        "not a code",
    ]
    for text in forged:
        verdict = awards.verify_code(store, text)
        assert not verdict.genuine and verdict.reason
    assert awards.verify_code(store, code.lower()).genuine  # typed in lower case


def test_a_withdrawn_winners_certificate_no_longer_verifies(selection, store) -> None:
    aid, _people, by_name = selection
    awards.issue_certificates(store, aid)
    code = next(
        d.code for d in documents.certificate_documents(store, YEAR) if d.recipient == "曾丽"
    )
    awards.set_winners(store, aid, [], withdrawn=[by_name["曾丽"]])
    verdict = awards.verify_code(store, code)
    assert not verdict.genuine and "撤销" in verdict.reason
    assert [d.recipient for d in documents.certificate_documents(store, YEAR)] == ["欧阳晓东"]


def test_another_nodes_signature_is_checked_with_its_registered_key(selection, store) -> None:
    aid, _people, _ = selection
    awards.issue_certificates(store, aid)
    code = documents.certificate_documents(store, YEAR)[0].code
    with store.unit_of_work() as uow:
        uow.session.get(Node, store.node_id).public_key = "A" * 43 + "="
    assert not awards.verify_code(store, code).genuine


def test_a_station_may_nominate_nothing_and_decide_nothing(selection, store) -> None:
    aid, people, by_name = selection
    store.node_role = "station"
    with pytest.raises(PermissionDenied):
        awards.nominate(store, aid, people["单志强"], "事迹")
    with pytest.raises(PermissionDenied):
        awards.set_winners(store, aid, [by_name["单志强"]])
    with pytest.raises(PermissionDenied):
        awards.issue_certificates(store, aid)


def test_all_winners_certificates_in_one_pdf(selection, store, tmp_path: Path) -> None:
    aid, _people, _ = selection
    awards.issue_certificates(store, aid)
    data = documents.certificates_pdf(store, YEAR)
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    assert len(texts) == 2 and any("欧阳晓东" in t for t in texts)


def test_award_notice_and_stats(selection, store) -> None:
    aid, _people, _ = selection
    awards.issue_certificates(store, aid)
    notice = awards.award_notice(store, YEAR)
    assert {r["name"] for r in notice["rows"]} == {"欧阳晓东", "曾丽"}
    assert all("13812345678" not in str(r) for r in notice["rows"])
    figures = headline_figures(store)["awards"]
    assert figures == {"nominations": 3, "winners": 2, "certificates": 2}


def test_cli_prints_certificates_and_verifies(selection, store, tmp_path: Path, capsys) -> None:
    db = str(store.path)
    out = tmp_path / "certs.pdf"
    assert main(["print", "certificates", "--db", db, "--year", "2026", "--out", str(out)]) == 0
    assert len(PdfReader(out).pages) == 2
    code = documents.certificate_documents(store, YEAR)[0].code
    capsys.readouterr()
    assert main(["verify", "--db", db, code]) == 0
    assert "为真" in capsys.readouterr().out
    assert main(["verify", "--db", db, code.replace("-0001.", "-0009.")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "签名不符" in err
    overlay = tmp_path / "overlay.pdf"
    args = ["print", "certificates", "--db", db, "--year", "2026", "--overlay", "--out"]
    assert main([*args, str(overlay)]) == 0
    empty = tmp_path / "none.pdf"
    assert main(["print", "certificates", "--db", db, "--year", "2024", "--out", str(empty)]) == 2
    assert not empty.exists()


def test_cli_notices_and_calibration(store, tmp_path: Path) -> None:
    db = str(store.path)
    for args in (
        ["notice", "points"],
        ["calibration", "--printer", "HP"],
    ):
        out = tmp_path / f"{args[-1]}.pdf"
        assert main(["print", *args, "--db", db, "--out", str(out)]) == 0
        assert out.read_bytes().startswith(b"%PDF")
    empty = tmp_path / "awards.pdf"  # a year with no results: nothing printed, a non-zero exit
    assert (
        main(["print", "notice", "awards", "--year", "2026", "--db", db, "--out", str(empty)]) == 2
    )
    assert not empty.exists()
    missing = tmp_path / "r.pdf"
    assert (
        main(["print", "receipt", "--db", db, "--request", "NO-SUCH", "--out", str(missing)]) == 2
    )
