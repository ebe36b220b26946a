"""Closed vocabularies of the points system: stored code → Chinese label."""

from __future__ import annotations

CATEGORIES = {
    "party_life": "党的生活",
    "study": "学习培训",
    "volunteer": "志愿服务",
    "governance": "基层治理",
    "praise": "工作好评",
}
KINDS = {"base": "基础分", "pioneer": "先锋分"}
UNITS = {"time": "次", "hour": "小时", "month": "月"}

# Derived declaration states, in the order the queue shows them.
STATES = {
    "submitted": "待支部审核",
    "returned": "已退回",
    "approved": "待党委认定",
    "confirmed": "待公示",
    "in_notice": "公示中",
    "objected": "异议待处理",
    "effective": "已生效",
    "rejected": "不予认定",
}
# States in which a declaration's confirmed points count against the rule's caps.
CONFIRMED_STATES = ("confirmed", "in_notice", "objected", "effective")

EVENT_KINDS = {
    "submitted": "提交申报",
    "resubmitted": "修改后重新提交",
    "branch_approved": "支部审核通过",
    "branch_returned": "支部退回",
    "committee_confirmed": "党委认定",
    "committee_rejected": "党委不予认定",
    "notice_started": "开始公示",
    "objection_raised": "公示期内提出异议",
    "objection_upheld": "异议成立，不予认定",
    "objection_dismissed": "异议不成立，继续公示",
    "effective": "公示期满，积分生效",
}
# The state each event leads to (the fixed rule; see state.py).
EVENT_STATE = {
    "submitted": "submitted",
    "resubmitted": "submitted",
    "branch_approved": "approved",
    "branch_returned": "returned",
    "committee_confirmed": "confirmed",
    "committee_rejected": "rejected",
    "notice_started": "in_notice",
    "objection_raised": "objected",
    "objection_upheld": "rejected",
    "objection_dismissed": "in_notice",
    "effective": "effective",
}

BENEFIT_CATEGORIES = {
    "reading": "阅读",
    "medical": "诊疗",
    "tourism": "文旅",
    "childcare": "托幼",
    "education": "学历提升",
}
