"""The development pipeline's vocabulary: stages, steps (with who takes them) and decisions.

The steps follow the 中国共产党发展党员工作细则: 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 →
正式党员. A branch (党支部) records its own steps; the approvals that belong to the superior
committee (预审, 审批接收预备党员, 审批转正/延长/取消预备期) are the committee's.
"""

from __future__ import annotations

from dataclasses import dataclass

from xhdesk.data.core.vocab import OCCUPATIONS

STAGES = {
    "applicant": "入党申请人",
    "activist": "入党积极分子",
    "candidate": "发展对象",
    "probationary": "预备党员",
    "member": "正式党员",
    "cancelled": "取消预备党员资格",
    "discontinued": "终止发展",
}
PIPELINE_STAGES = ("applicant", "activist", "candidate", "probationary")

BRANCH_ROLES = ("branch", "centre")
COMMITTEE_ROLES = ("committee", "centre")


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    roles: tuple[str, ...]
    material: str = ""  # the entry of the 入党材料目录 this step produces


STEP_LIST = [
    Step("application", "递交入党申请书", BRANCH_ROLES, "入党申请书"),
    Step("talk", "党组织派人谈话", BRANCH_ROLES, "谈话记录"),
    Step("activist_recommended", "推荐入党积极分子", BRANCH_ROLES, "党员推荐、群团组织推优材料"),
    Step(
        "activist_decided", "支委会确定为入党积极分子", BRANCH_ROLES, "确定入党积极分子的支委会记录"
    ),
    Step("contacts_assigned", "指定培养联系人", BRANCH_ROLES, "培养联系人指定材料"),
    Step("assessment", "季度培养考察", BRANCH_ROLES, "入党积极分子培养教育考察登记表"),
    Step("candidate_recommended", "听取意见、推荐发展对象", BRANCH_ROLES, "听取意见情况记录"),
    Step("candidate_decided", "支委会确定为发展对象", BRANCH_ROLES, "确定发展对象的支委会记录"),
    Step("political_review", "政治审查", BRANCH_ROLES, "政治审查材料"),
    Step("training", "集中培训", BRANCH_ROLES, "集中培训结业证明"),
    Step("notice", "发展对象公示", BRANCH_ROLES, "公示情况报告"),
    Step("pre_review", "上级党委预审", COMMITTEE_ROLES, "上级党委预审意见"),
    Step("general_meeting", "支部大会讨论接收", BRANCH_ROLES, "入党志愿书、支部大会决议"),
    Step("admission_approved", "上级党委审批接收预备党员", COMMITTEE_ROLES, "上级党委审批意见"),
    Step("oath", "入党宣誓", BRANCH_ROLES, "入党宣誓记录"),
    Step("conversion_meeting", "支部大会讨论转正", BRANCH_ROLES, "转正申请书、支部大会决议"),
    Step("conversion_approved", "上级党委审批转正", COMMITTEE_ROLES, "上级党委审批转正意见"),
    Step("probation_extended", "上级党委审批延长预备期", COMMITTEE_ROLES, "延长预备期审批意见"),
    Step("probation_cancelled", "上级党委审批取消预备党员资格", COMMITTEE_ROLES, ""),
    Step("discontinued", "终止发展", BRANCH_ROLES, ""),
]
STEPS: dict[str, Step] = {s.code: s for s in STEP_LIST}
STEP_ROLES: dict[str, tuple[str, ...]] = {s.code: s.roles for s in STEP_LIST}
COMMITTEE_STEPS = tuple(s.code for s in STEP_LIST if s.roles == COMMITTEE_ROLES)

DECISIONS = {
    "agreed": "同意",
    "not_agreed": "不同意",
    "convert": "按期转正",
    "extend": "延长预备期",
    "cancel": "取消预备党员资格",
}
MEETING_DECISIONS = ("convert", "extend", "cancel")

# Who counts towards the new-employment-group share of a quota: every occupation of the registry
# is one of the new employment groups; a code unknown to this version does not count.
NEW_EMPLOYMENT_OCCUPATIONS = frozenset(OCCUPATIONS)

FLAGS = {"overdue": "已逾期", "due_soon": "即将到期"}
