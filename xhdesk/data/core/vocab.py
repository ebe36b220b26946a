"""Closed vocabularies: the stored code (English, from the glossary) and the Chinese label."""

from __future__ import annotations

STATION_KINDS = {
    "service_centre": "市级服务中心",
    "warm_bee": "暖蜂驿站",
    "rideshare_demo": "网约车党建示范站点",
    "driver": "驾驶员驿站",
    "venue": "集中活动阵地",
}
STATION_STATUSES = {"open": "运营中", "paused": "暂停服务", "closed": "已撤销"}
HOST_TYPES = {
    "party_centre": "党群服务中心",
    "guidance_station": "指导站",
    "petrol_station": "加油站",
    "convenience_store": "便利店",
    "rental_company": "汽车租赁公司",
    "depot": "物流园区",
    "market": "农贸/物流市场",
    "venue": "活动阵地",
    "government": "机关事业单位",
}
BRANCH_KINDS = {
    "mobile": "流动党支部",
    "functional": "功能型党支部",
    "entity": "实体型党支部",
    "joint": "联合党支部",
}
ENTERPRISE_KINDS = {
    "courier": "快递企业",
    "delivery": "外卖平台",
    "rideshare": "网约车租赁公司",
    "freight": "货运物流企业",
    "mcn": "MCN机构",
    "ecommerce": "电商企业",
}
OCCUPATIONS = {
    "courier": "快递员",
    "rider": "外卖骑手",
    "rideshare_driver": "网约车司机",
    "truck_driver": "货车司机",
    "streamer": "网络主播",
    "writer": "网络作家",
    "seller": "电商从业者",
}
POLITICAL_STATUSES = {
    "member": "中共党员",
    "probationary": "中共预备党员",
    "league": "共青团员",
    "democratic": "民主党派",
    "masses": "群众",
}
PARTY_STATUSES = ("member", "probationary")
MEMBERSHIP_RELATIONS = {
    "in_branch": "关系在本支部",
    "mobile": "流动党员（关系在外地）",
    "not_transferred": "关系未转入",
}
DEVELOPMENT_STAGES = {
    "applicant": "入党申请人",
    "activist": "入党积极分子",
    "candidate": "发展对象",
}
PERSON_STATUSES = {"active": "在岗", "left": "已离职"}
VERIFICATION_STATES = {"both": "双核完成", "one": "已核一项", "none": "未核实"}
ROLES = {"centre": "中心节点", "committee": "行业党委", "branch": "党支部", "station": "驿站"}
GENDERS = ("男", "女")


def label(vocabulary: dict[str, str], code: str | None) -> str:
    """The Chinese label for a code, or the code itself if unknown (data from a newer version)."""
    if code is None:
        return ""
    return vocabulary.get(code, code)
