"""Sample values and a PDF reader for the printing tests."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from pypdf import PdfReader

from xhdesk.printing.certificate import Certificate


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page, with whitespace removed (PDF text breaks lines anywhere)."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


def sample_certificate(**changes: object) -> Certificate:
    values: dict = {
        "number": "2026-HQS-3FA2C1-0001",
        "recipient": "欧阳晓东",
        "wording": "在2026年度“最美红骑手”评选活动中表现突出，被评为“2026年度最美红骑手”。"
        "\n特发此证，以资鼓励。",
        "issuer": "中共兴化市委组织部",
        "issued_on": date(2026, 11, 28),
        "code": "XHV1.2026-HQS-3FA2C1-0001.ABCDEFGHIJKLMNOPQRSTUVWXYZ." + "A" * 103,
    }
    values.update(changes)
    return Certificate(**values)


def sample_receipt() -> dict:
    return {
        "number": "XH-20261128-S07-003",
        "requester_name": "单志强",
        "requester_phone": "13912345678",
        "kind": "法律援助",
        "station": "昭阳街道暖蜂驿站",
        "channel": "驿站窗口",
        "urgency": "一般",
        "accepted_at": datetime(2026, 11, 28, 10, 5),
        "due_on": date(2026, 12, 5),
        "description": "被拖欠工资三个月，请求帮助维权。",
        "department": "市人力资源和社会保障局",
        "hotline": "0523-12345",
    }
