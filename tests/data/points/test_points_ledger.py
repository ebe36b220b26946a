"""Totals, rankings, star ratings, benefits and the public notice, against hand-computed values."""

from __future__ import annotations

from datetime import date

import pytest
from points_seed import declare_one, make_effective, seed

from xhdesk.data.core.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from xhdesk.data.core.store import Store
from xhdesk.data.overview.stats import headline_figures
from xhdesk.data.points import (
    approve,
    balance,
    category_totals,
    confirm,
    list_redemptions,
    person_totals,
    person_year_total,
    public_notice,
    ranking,
    redeem,
    star_rating,
    start_notice,
    yearly_totals,
)
from xhdesk.data.points.settings import (
    notice_days,
    set_centre_setting,
    set_local_setting,
    star_bands,
)


def effective(store: Store, person: str, rule: str, day: date, qty: float = 1.0) -> str:
    d = declare_one(store, person, rule, day, qty)
    make_effective(store, d, date(day.year, 12, 1) if day.year == 2026 else date(2025, 12, 20))
    return d


@pytest.fixture
def ledger(store: Store):
    """A ledger written by hand:

    张三: meeting 2 (Jan) + 2 (Feb) + volunteer 0.5×12 = 6 + praise 5      → 2026 total 15
          party_life/base 4, volunteer/pioneer 6, praise/pioneer 5; 2025: study 1.5
    李四: praise 5 + praise 5 + study 1.5×2 = 3                            → 2026 total 13
    王五: volunteer 0.5×26 = 13                                            → 2026 total 13
    曾小明: complaint −3                                                    → 2026 total −3
    """
    s = seed(store)
    p, r = s.persons, s.rules
    effective(store, p["zhang"], r["meeting"], date(2026, 1, 5))
    effective(store, p["zhang"], r["meeting"], date(2026, 2, 5))
    effective(store, p["zhang"], r["volunteer"], date(2026, 3, 5), 12)
    effective(store, p["zhang"], r["praise"], date(2026, 4, 5))
    effective(store, p["zhang"], r["study"], date(2025, 6, 1))
    effective(store, p["li"], r["praise"], date(2026, 5, 5))
    effective(store, p["li"], r["praise"], date(2026, 6, 5))
    effective(store, p["li"], r["study"], date(2026, 7, 5), 2)
    effective(store, p["wang"], r["volunteer"], date(2026, 8, 5), 26)
    effective(store, p["zeng"], r["complaint"], date(2026, 9, 5))
    # Not effective, so not counted: one confirmed but still in notice.
    pending = declare_one(store, p["wang"], r["praise"], date(2026, 10, 5))
    approve(store, [pending])
    confirm(store, [pending])
    start_notice(store, [pending], start=date(2026, 11, 26))
    return s


def test_totals_by_person_year_category_and_kind(store: Store, ledger) -> None:
    p = ledger.persons
    assert yearly_totals(store, 2026) == {
        p["zhang"]: 15.0,
        p["li"]: 13.0,
        p["wang"]: 13.0,
        p["zeng"]: -3.0,
    }
    assert yearly_totals(store, 2025) == {p["zhang"]: 1.5}
    assert person_year_total(store, p["zhang"], 2026) == 15.0
    assert person_year_total(store, p["zhang"], 2024) == 0.0
    assert person_totals(store, p["zhang"], 2026) == {
        ("party_life", "base"): 4.0,
        ("volunteer", "pioneer"): 6.0,
        ("praise", "pioneer"): 5.0,
    }
    assert category_totals(store, p["li"], 2026) == {"praise": 10.0, "study": 3.0}


def test_rankings_share_ranks_and_filter_by_committee_and_occupation(store: Store, ledger) -> None:
    rows = ranking(store, 2026)
    assert [(r.rank, r.name, r.total) for r in rows] == [
        (1, "张三", 15.0),
        (2, "李四", 13.0),
        (2, "王五", 13.0),
        (4, "曾小明", -3.0),
    ]
    express = ranking(store, 2026, committee_id=ledger.committees["express"])
    assert [(r.rank, r.name) for r in express] == [(1, "张三"), (2, "李四")]
    riders = ranking(store, 2026, occupation="rider")
    assert [(r.rank, r.name, r.total) for r in riders] == [(1, "张三", 15.0), (2, "曾小明", -3.0)]
    assert [r.name for r in ranking(store, 2026, limit=2)] == ["张三", "李四"]


def test_star_ratings_follow_configurable_bands(store: Store, ledger) -> None:
    bands = [10.0, 14.0, 20.0]
    assert [star_rating(t, bands) for t in (-3, 9.99, 10, 13, 14, 15, 20, 99)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
        3,
    ]
    assert star_bands(store) == [20, 35, 50, 65, 80]  # default
    set_centre_setting(store, "star_bands", "10,14,20")
    stars = {r.name: r.stars for r in ranking(store, 2026)}
    assert stars == {"张三": 2, "李四": 1, "王五": 1, "曾小明": 0}
    with pytest.raises(ValidationError, match="从低到高"):
        set_centre_setting(store, "star_bands", "20,10")


def test_balance_and_redemptions(store: Store, ledger) -> None:
    p, b = ledger.persons, ledger.benefits
    # 张三 has 15 (2026) + 1.5 (2025) = 16.5 points.
    assert balance(store, p["zhang"]) == 16.5
    redeem(store, p["zhang"], b["book"], on=date(2026, 11, 28))
    assert balance(store, p["zhang"]) == 6.5
    with pytest.raises(
        WorkflowError, match="积分余额不足：张三当前可用积分6.5分，兑换「图书借阅卡」需要10分"
    ):
        redeem(store, p["zhang"], b["book"], on=date(2026, 11, 28))
    assert len(list_redemptions(store, person_id=p["zhang"])) == 1
    # Yearly totals (for awards) are not reduced by spending.
    assert person_year_total(store, p["zhang"], 2026) == 15.0
    with pytest.raises(WorkflowError, match="积分余额不足"):
        redeem(store, p["zeng"], b["book"])
    with pytest.raises(NotFoundError):
        redeem(store, p["zhang"], "no-such-benefit")


def test_redemption_quotas(store: Store, ledger) -> None:
    p, b = ledger.persons, ledger.benefits
    redeem(store, p["li"], b["clinic"], on=date(2026, 11, 1))
    with pytest.raises(WorkflowError, match="已达每人每年上限"):
        redeem(store, p["li"], b["clinic"], on=date(2026, 11, 2))
    redeem(store, p["wang"], b["book"], on=date(2026, 11, 3))  # quota 2 places a year
    redeem(store, p["zhang"], b["book"], on=date(2026, 11, 3))
    with pytest.raises(WorkflowError, match="2026年度名额（2个）已用完"):
        redeem(store, p["li"], b["book"], on=date(2026, 11, 4))


def test_public_notice_content(store: Store, ledger) -> None:
    notice = public_notice(store, as_of=date(2026, 11, 28))
    assert notice["period_start"] == date(2026, 11, 26)
    assert notice["period_end"] == date(2026, 11, 30)
    assert notice["objection_deadline"] == date(2026, 11, 30)
    assert notice["title"].startswith("2026年度")
    assert notice["contact"] and notice["issuer"]
    assert notice["rows"] == [
        {
            "name": "王五",
            "branch": "货运物流联合党支部",
            "category": "工作好评",
            "kind": "先锋分",
            "points": 5.0,
            "reason": "2026-10-05 获得群众书面表扬",
        }
    ]
    text = repr(notice)
    assert "321281" not in text and "1380000" not in text  # no ID numbers or phones
    empty = public_notice(store, as_of=date(2026, 6, 1))
    assert empty["rows"] == [] and empty["period_end"] == date(2026, 6, 5)


def test_notice_days_local_over_centre_over_default(store: Store) -> None:
    assert notice_days(store) == 5
    set_centre_setting(store, "notice_days", "7")
    assert notice_days(store) == 7
    set_local_setting(store, "notice_days", "10")
    assert notice_days(store) == 10
    with pytest.raises(ValidationError):
        set_local_setting(store, "notice_days", "0")


def test_only_the_centre_sets_points_policy(tmp_path) -> None:
    with Store.open(tmp_path / "c.sqlite3", role="committee") as committee:
        with pytest.raises(PermissionDenied):
            set_centre_setting(committee, "notice_days", "7")


def test_stats_section(store: Store, ledger) -> None:
    figures = headline_figures(store)
    assert figures["declarations"]["effective"] == 10
    assert figures["declarations"]["in_notice"] == 1
    assert figures["ledger_points"] == 15 + 1.5 + 13 + 13 - 3
    assert figures["redemptions"] == 0
