"""Closed vocabularies of governance reports."""

from __future__ import annotations

from xhdesk.data.models.governance import MAX_PHOTO_BYTES

__all__ = ["MAX_PHOTO_BYTES"]  # the one cap, checked here and on sync import

REPORT_KINDS = {
    "hazard": "安全隐患",
    "traffic": "交通秩序",
    "environment": "环境卫生",
    "facility": "公共设施损坏",
    "dispute": "矛盾纠纷",
    "public_order": "治安问题",
    "opinion": "社情民意",
}
STATES = {
    "reported": "已报送",
    "forwarded": "已转办",
    "accepted": "已采纳",
    "resolved": "已办结",
    "declined": "未采纳",
}
EVENT_KINDS = {
    "forwarded": "转办",
    "accepted": "采纳",
    "resolved": "办结",
    "declined": "不予采纳",
}
OPEN_STATES = ("reported", "forwarded", "accepted")
# The working days a department has to answer a forwarded report.
ANSWER_DAYS = 3
# Points: the rule a report earns when accepted (积分细则 code), and what a photo may weigh.
POINTS_RULE_CODE = "JC-01"

MAX_PHOTOS = 6
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".heic", ".pdf")
