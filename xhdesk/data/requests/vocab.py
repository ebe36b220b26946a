"""Closed vocabularies of service requests: stored code → Chinese label."""

from __future__ import annotations

STATES = {
    "accepted": "已受理",
    "forwarded": "已转办",
    "in_progress": "办理中",
    "reopened": "重新办理",
    "resolved": "已办结",
    "visited": "已回访",
    "closed": "已关闭",
    "merged": "已合并",
    "withdrawn": "已撤回",
}
OPEN_STATES = ("accepted", "forwarded", "in_progress", "reopened")
TERMINAL_STATES = ("merged", "withdrawn")

EVENT_KINDS = {
    "accepted": "受理",
    "forwarded": "转办",
    "in_progress": "开始办理",
    "resolved": "办结",
    "return_visit": "回访",
    "closed": "关闭",
    "reopened": "重新办理",
    "merged": "合并",
    "withdrawn": "撤回",
    "escalated": "超期督办",
}

URGENCIES = {"normal": "一般", "urgent": "紧急", "critical": "特急"}
CHANNELS = {"onsite": "驿站现场", "phone": "电话", "online": "线上", "visit": "走访"}
SATISFACTION = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
SATISFIED = ("satisfied", "basic")

CALENDAR_KINDS = {"holiday": "节假日", "workday": "调休上班"}
CALENDAR_SOURCES = {"example": "示例", "import": "导入", "manual": "手工"}

DEFAULT_HOTLINE = "12345"
