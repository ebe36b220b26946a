"""Closed vocabularies of activities: stored code → Chinese label, and the points each kind earns."""

from __future__ import annotations

# 组织生活 first (三会一课/主题党日/云党课/云议事), then the other kinds of the programme.
KINDS = {
    "three_meetings": "三会一课",
    "theme_day": "主题党日",
    "cloud_lesson": "云党课",
    "cloud_council": "云议事",
    "study": "学习培训",
    "volunteer": "志愿服务",
    "governance": "基层治理",
    "village": "乡村行",
}
ORGANISATIONAL_LIFE = ("three_meetings", "theme_day", "cloud_lesson", "cloud_council")
GROUPS = {
    "three_meetings": "组织生活",
    "theme_day": "组织生活",
    "cloud_lesson": "组织生活",
    "cloud_council": "组织生活",
    "study": "学习培训",
    "volunteer": "志愿服务",
    "governance": "基层治理",
    "village": "乡村行",
}

# The points rule an activity of each kind earns unless the activity names one: the rule with this
# code if the catalogue has it, else the first base rule of the category.
KIND_RULES: dict[str, tuple[str, str]] = {
    "three_meetings": ("DS-01", "party_life"),
    "theme_day": ("DS-02", "party_life"),
    "cloud_lesson": ("XX-01", "study"),
    "cloud_council": ("DS-01", "party_life"),
    "study": ("XX-01", "study"),
    "volunteer": ("ZY-01", "volunteer"),
    "governance": ("JC-03", "governance"),
    "village": ("ZY-01", "volunteer"),
}

ORGANISER_KINDS = {
    "branch": "党支部",
    "committee": "行业党委",
    "station": "驿站阵地",
    "team": "志愿队伍",
}

SIGNIN_METHODS = {"search": "查找签到", "qr": "扫码签到", "sheet": "签到表补录"}

STATES = {"planned": "未开始", "open": "进行中", "ended": "待关闭", "closed": "已关闭"}
