"""A small registry for the registry tests: two committees, branches, enterprises, stations, people.

Written through the registry services (so every row is in the change log), with fixed names that
exercise pinyin search and sorting (曾 reads zeng as a surname; 欧阳 is one surname).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from xhdesk.data.core.store import Store
from xhdesk.data.core.validation import id_check_char, uscc_check_char
from xhdesk.data.models import Branch, Committee
from xhdesk.data.registry.organisation import add_enterprise, add_instructor, add_station
from xhdesk.data.registry.persons import add_person, record_verification


def id_number(serial: int, birth: str = "19900101", male: bool = True) -> str:
    """A valid ID number of Xinghua (321281) with the given birth date and serial."""
    order = f"{serial % 100:02d}{(1 if male else 2) + 2 * (serial // 100 % 4)}"
    first17 = f"321281{birth}{order}"
    return first17 + id_check_char(first17)


def credit_code(serial: int) -> str:
    first17 = f"91321281MA{serial:07d}"
    return first17 + uscc_check_char(first17)


# key: (name, occupation, political status, phone, enterprise, station, branch, mobile)
PEOPLE = {
    "zhang": ("张三", "rider", "member", "13852301234", "meituan", "east", "express", False),
    "zeng": ("曾小明", "courier", "member", "13952305678", "sf", None, "express", True),
    "li": ("李四", "truck_driver", "masses", "15061119876", None, "west", None, False),
    "ouyang": (
        "欧阳娜娜",
        "streamer",
        "probationary",
        "18012340000",
        None,
        None,
        "influencer",
        False,
    ),
    "wang": ("王五", "rideshare_driver", "league", "13705231111", "didi", "east", None, False),
    "zhao": ("赵敏", "rider", "member", "13852309999", "meituan", None, "express", False),
}


@dataclass
class Registry:
    committees: dict[str, str] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    enterprises: dict[str, str] = field(default_factory=dict)
    stations: dict[str, str] = field(default_factory=dict)
    instructors: dict[str, str] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)


def seed(store: Store) -> Registry:
    reg = Registry()
    with store.unit_of_work("测试") as uow:
        for code, name in (("express", "快递外卖行业党委"), ("influencer", "网络名人行业党委")):
            c = uow.add(Committee(code=code, name=name))
            reg.committees[code] = c.id
        uow.flush()  # the branches refer to the committees
        for key, name, committee in (
            ("express", "快递外卖第一流动党支部", "express"),
            ("influencer", "网络主播功能型党支部", "influencer"),
        ):
            b = uow.add(Branch(name=name, kind="mobile", committee_id=reg.committees[committee]))
            reg.branches[key] = b.id
    reg.instructors["deng"] = add_instructor(
        store, {"name": "邓海军", "phone": "13905230001", "unit": "市委组织部"}
    ).id
    for n, (key, name, kind) in enumerate(
        (
            ("meituan", "兴化市美团外卖配送服务有限公司", "delivery"),
            ("sf", "兴化市顺丰速运有限公司", "courier"),
            ("didi", "兴化市滴滴汽车租赁有限公司", "rideshare"),
        )
    ):
        values = {"name": name, "kind": kind, "credit_code": credit_code(n + 1), "town": "昭阳街道"}
        if key == "meituan":
            values["instructor_id"] = reg.instructors["deng"]
        reg.enterprises[key] = add_enterprise(store, values).id
    for key, name, kind, town, host, status in (
        ("east", "城东便民超市暖蜂驿站", "warm_bee", "城东镇", "convenience_store", "open"),
        ("west", "西郊中石化加油站暖蜂驿站", "warm_bee", "西郊镇", "petrol_station", "open"),
        ("depot", "兴化物流园驾驶员驿站", "driver", "昭阳街道", "depot", "paused"),
    ):
        values = {"name": name, "kind": kind, "town": town, "host_type": host, "status": status}
        reg.stations[key] = add_station(store, values).id
    for serial, (key, row) in enumerate(PEOPLE.items(), start=1):
        name, occupation, political, phone, enterprise, station, branch, mobile = row
        values = {
            "name": name,
            "id_number": id_number(serial),
            "phone": phone,
            "occupation": occupation,
            "political_status": political,
            "enterprise_id": reg.enterprises.get(enterprise or ""),
            "station_id": reg.stations.get(station or ""),
            "branch_id": reg.branches.get(branch or ""),
        }
        if mobile:
            values["membership_relation"] = "mobile"
        reg.persons[key] = add_person(store, values, author="测试").id
    record_verification(store, reg.persons["zhang"], "org_check", "陆建国", date(2026, 3, 1))
    record_verification(store, reg.persons["zhang"], "industry_check", "顾德明", date(2026, 3, 2))
    record_verification(store, reg.persons["zeng"], "org_check", "陆建国", date(2026, 3, 1))
    return reg
