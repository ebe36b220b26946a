"""``xhdesk print …``: certificates, the points and award notices, receipts, the 套打 calibration.

Every command writes its PDF to a temporary file beside ``--out`` and renames it into place.
"""

from __future__ import annotations

import argparse
from datetime import date

from xhdesk.cli.common import open_existing
from xhdesk.data.core.errors import NotFoundError, ValidationError
from xhdesk.data.core.print_settings import print_settings
from xhdesk.data.core.store import Store
from xhdesk.printing.fonts import load_fonts
from xhdesk.printing.layout import save_pdf


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help="生成打印用 PDF（荣誉证书、公示、回执）")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    cert = what.add_parser("certificates", help="某年度全部获奖人员的荣誉证书")
    _common(cert)
    cert.add_argument("--year", type=int, required=True, metavar="YYYY")
    cert.add_argument("--overlay", action="store_true", help="套打：只打印可变文字")
    cert.add_argument("--printer", default="", help="套打时使用该打印机的偏移量")
    cert.set_defaults(run=run_certificates)

    notice = what.add_parser("notice", help="公示")
    kinds = notice.add_subparsers(dest="notice", metavar="KIND", required=True)
    points = kinds.add_parser("points", help="当前积分公示")
    _common(points)
    points.add_argument("--as-of", type=_day, default=None, metavar="YYYY-MM-DD")
    points.set_defaults(run=run_points_notice)
    awards = kinds.add_parser("awards", help="评选结果公示")
    _common(awards)
    awards.add_argument("--year", type=int, required=True, metavar="YYYY")
    awards.set_defaults(run=run_award_notice)

    development = kinds.add_parser("development", help="党员发展公示（发展对象/预备党员转正）")
    _common(development)
    development.add_argument(
        "--kind", choices=("candidate", "probationary"), default="candidate", help="公示对象"
    )
    development.add_argument("--branch", default=None, metavar="党支部名称")
    development.add_argument("--as-of", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    development.set_defaults(run=run_development_notice)

    record = what.add_parser("development-record", help="入党材料目录（个人发展记录）")
    _common(record)
    record.add_argument("--person", required=True, metavar="姓名或身份证号")
    record.set_defaults(run=run_development_record)
    cover = what.add_parser("review-cover", help="发展对象政治审查材料封面")
    _common(cover)
    cover.add_argument("--person", required=True, metavar="姓名或身份证号")
    cover.set_defaults(run=run_review_cover)

    receipt = what.add_parser("receipt", help="诉求受理回执")
    _common(receipt)
    receipt.add_argument("--request", required=True, metavar="NUMBER")
    receipt.set_defaults(run=run_receipt)

    calib = what.add_parser("calibration", help="套打校准页")
    _common(calib)
    calib.add_argument("--printer", default="", help="按该打印机已保存的偏移量打印")
    calib.set_defaults(run=run_calibration)


def _day(text: str) -> date:
    """A date a notice can be about (a notice runs for days after it: not year 9999)."""
    day = date.fromisoformat(text)
    if not date(2000, 1, 1) <= day <= date(2099, 12, 31):
        raise argparse.ArgumentTypeError(f"日期须在 2000-01-01 至 2099-12-31 之间：{text}")
    return day


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--out", required=True, metavar="FILE.pdf")


def _write(data: bytes, out: str, what: str) -> int:
    try:
        path = save_pdf(data, out)
    except OSError as exc:
        raise ValidationError(f"无法写入 {out}：{exc.strerror or exc}") from exc
    print(f"{what}已写入 {path}")
    return 0


def _fonts(store: Store):  # noqa: ANN202 — a FontSet
    return load_fonts(print_settings(store).font)


def run_certificates(args: argparse.Namespace) -> int:
    from xhdesk.data.awards import issue_year
    from xhdesk.data.core.authority import refusal
    from xhdesk.documents.awards import certificate_documents, certificates_pdf
    from xhdesk.printing.overlay import PrinterOffset, render_overlay

    with open_existing(args.db, args, migrate=False) as store:
        issued = 0
        if refusal(store.node_role, "certificate", "insert", {}) is None:
            issued = issue_year(store, args.year)
        if args.overlay:
            docs = certificate_documents(store, args.year)
            if not docs:
                certificates_pdf(store, args.year)  # raises the "nothing to print" error
            offset = PrinterOffset(*print_settings(store).offset_for(args.printer))
            data = render_overlay(docs, offset=offset, fonts=_fonts(store))
        else:
            data = certificates_pdf(store, args.year)
            docs = certificate_documents(store, args.year)
    if issued:
        print(f"新颁发证书 {issued} 张")
    return _write(data, args.out, f"{args.year}年度荣誉证书（{len(docs)} 张）")


def run_points_notice(args: argparse.Namespace) -> int:
    from xhdesk.data.points import public_notice
    from xhdesk.printing.points_notice import render_points_notice

    with open_existing(args.db, args, migrate=False) as store:
        data = public_notice(store, args.as_of)
        pdf = render_points_notice(data, _fonts(store))
    return _write(pdf, args.out, f"积分公示（{len(data['rows'])} 条）")


def run_award_notice(args: argparse.Namespace) -> int:
    from xhdesk.data.awards import award_notice
    from xhdesk.printing.award_notice import render_award_notice

    with open_existing(args.db, args, migrate=False) as store:
        data = award_notice(store, args.year)
        if not data["rows"]:
            raise NotFoundError(f"{args.year}年度还没有确定评选结果，没有可打印的公示。")
        pdf = render_award_notice(data, _fonts(store))
    return _write(pdf, args.out, f"{args.year}年度评选结果公示（{len(data['rows'])} 人）")


def run_development_notice(args: argparse.Namespace) -> int:
    from xhdesk.data.development.notices import NOTICE_KINDS
    from xhdesk.data.development.queries import find_branch
    from xhdesk.documents.development import notice_pdf

    with open_existing(args.db) as store:
        branch_id = find_branch(store, args.branch) if args.branch else None
        pdf, count = notice_pdf(store, args.kind, branch_id=branch_id, as_of=args.as_of)
    return _write(pdf, args.out, f"{NOTICE_KINDS[args.kind]}（{count} 人）")


def run_development_record(args: argparse.Namespace) -> int:
    from xhdesk.data.development.queries import find_person
    from xhdesk.documents.development import record_pdf

    with open_existing(args.db) as store:
        pdf = record_pdf(store, find_person(store, args.person))
    return _write(pdf, args.out, "入党材料目录")


def run_review_cover(args: argparse.Namespace) -> int:
    from xhdesk.data.development.queries import find_person
    from xhdesk.documents.development import review_cover_pdf

    with open_existing(args.db) as store:
        pdf = review_cover_pdf(store, find_person(store, args.person))
    return _write(pdf, args.out, "政治审查材料封面")


def run_receipt(args: argparse.Namespace) -> int:
    from xhdesk.data.requests import receipt_fields
    from xhdesk.printing.receipt import render_receipt

    with open_existing(args.db, args, migrate=False) as store:
        data = receipt_fields(store, args.request)
        pdf = render_receipt(data, _fonts(store))
    return _write(pdf, args.out, f"受理回执 {data['number']} ")


def run_calibration(args: argparse.Namespace) -> int:
    from xhdesk.printing.overlay import PrinterOffset, render_calibration

    with open_existing(args.db, args, migrate=False) as store:
        offset = PrinterOffset(*print_settings(store).offset_for(args.printer))
        pdf = render_calibration(offset=offset, printer=args.printer, fonts=_fonts(store))
    return _write(pdf, args.out, "套打校准页")
