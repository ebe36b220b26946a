"""``xhdesk print …``: certificates, the points and award notices, receipts, the 套打 calibration.

Every command writes its PDF to a temporary file beside ``--out`` and renames it into place.
"""

from __future__ import annotations

import argparse
from datetime import date

from xhdesk.cli.common import open_existing
from xhdesk.data.core.errors import ValidationError
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

    with open_existing(args.db, migrate=False) as store:
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

    with open_existing(args.db, migrate=False) as store:
        data = public_notice(store, args.as_of)
        pdf = render_points_notice(data, _fonts(store))
    return _write(pdf, args.out, f"积分公示（{len(data['rows'])} 条）")


def run_award_notice(args: argparse.Namespace) -> int:
    from xhdesk.data.awards import award_notice
    from xhdesk.printing.award_notice import render_award_notice

    with open_existing(args.db, migrate=False) as store:
        data = award_notice(store, args.year)
        pdf = render_award_notice(data, _fonts(store))
    return _write(pdf, args.out, f"{args.year}年度评选结果公示（{len(data['rows'])} 人）")


def run_receipt(args: argparse.Namespace) -> int:
    from xhdesk.data.requests import receipt_fields
    from xhdesk.printing.receipt import render_receipt

    with open_existing(args.db, migrate=False) as store:
        data = receipt_fields(store, args.request)
        pdf = render_receipt(data, _fonts(store))
    return _write(pdf, args.out, f"受理回执 {data['number']} ")


def run_calibration(args: argparse.Namespace) -> int:
    from xhdesk.printing.overlay import PrinterOffset, render_calibration

    with open_existing(args.db, migrate=False) as store:
        offset = PrinterOffset(*print_settings(store).offset_for(args.printer))
        pdf = render_calibration(offset=offset, printer=args.printer, fonts=_fonts(store))
    return _write(pdf, args.out, "套打校准页")
