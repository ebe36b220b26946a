"""Closed vocabularies of volunteering: service kinds, team roles and the 五员."""

from __future__ import annotations

SERVICE_KINDS = {
    "epidemic": "疫情防控",
    "civilisation": "文明创建",
    "publicity": "政策宣传",
    "mediation": "矛盾调解",
    "hazard_check": "隐患排查",
    "flood": "防汛抢险",
    "elderly": "关爱帮扶",
}
TEAM_ROLES = {"leader": "队长", "member": "队员"}
DUTY_ROLES = {
    "security": "平安建设治安员",
    "civility": "文明创建巡查员",
    "grid": "网格治理信息员",
    "epidemic": "疫情防控专递员",
    "neighbour": "新风睦邻互助员",
}
