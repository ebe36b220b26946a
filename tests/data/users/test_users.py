"""Accounts, signing in, lockout, roles at every write, and the audit trail that says who."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from registry_seed import id_number

from xhdesk.data.core.errors import PermissionDenied, ValidationError
from xhdesk.data.models import Committee
from xhdesk.data.registry.organisation import add_station
from xhdesk.data.registry.persons import add_person
from xhdesk.data.users import accounts, audit, signin
from xhdesk.data.users.passwords import hash_password, verify_password
from xhdesk.data.users.signin import SignInError

PERSON = {
    "name": "王芳",
    "id_number": id_number(7, "19950305", male=False),
    "occupation": "rider",
    "political_status": "masses",
    "phone": "13852300001",
}


@pytest.fixture
def staffed(store):
    """A node with an administrator, a secretary and a read-only account."""
    accounts.add_account(store, "admin", "管理员", "admin", "admin2026")
    accounts.add_account(store, "wangf", "王芳", "secretary", "wangf2026")
    accounts.add_account(store, "chak", "查看", "viewer", "chak2026")
    return store


def change_count(store) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM change").scalar_one()


def test_passwords_are_salted_scrypt_and_checked():
    one, two = hash_password("secret12"), hash_password("secret12")
    assert one.startswith("scrypt$") and one != two
    assert verify_password("secret12", one)
    assert not verify_password("secret13", one)
    assert not verify_password("secret12", "not-a-hash")


def test_the_first_account_must_be_an_administrator(store):
    with pytest.raises(ValidationError, match="第一个账号必须是管理员"):
        accounts.add_account(store, "wangf", "王芳", "secretary", "wangf2026")
    accounts.add_account(store, "admin", "管理员", "admin", "admin2026")
    assert accounts.has_accounts(store)


@pytest.mark.parametrize(
    ("login", "name", "password", "message"),
    [
        ("", "王芳", "wangf2026", "账号"),
        ("wang fang", "王芳", "wangf2026", "账号"),
        ("wangf", "", "wangf2026", "姓名"),
        ("wangf", "王芳", "12345", "至少 6 位"),
        ("wangf", "王芳", "111111", "过于简单"),
    ],
)
def test_bad_account_input_is_refused_and_nothing_written(staffed, login, name, password, message):
    before = change_count(staffed)
    with pytest.raises(ValidationError, match=message):
        accounts.add_account(staffed, login, name, "secretary", password)
    assert change_count(staffed) == before


def test_sign_in_makes_the_user_the_author_of_every_change(staffed):
    signin.sign_in(staffed, "wangf", "wangf2026")
    add_person(staffed, PERSON)
    signin.sign_out(staffed)
    signin.sign_in(staffed, "admin", "admin2026")
    add_station(staffed, {"name": "城东暖蜂驿站", "kind": "warm_bee"})
    with staffed.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT tbl, author FROM change WHERE tbl IN ('person', 'station')"
        ).all()
    assert dict(rows) == {"person": "王芳（wangf）", "station": "管理员（admin）"}


def test_without_sign_in_the_command_line_is_the_author(store):
    add_person(store, PERSON)
    with store.engine.connect() as conn:
        author = conn.exec_driver_sql("SELECT author FROM change WHERE tbl = 'person'").scalar_one()
    assert author.startswith("命令行")


def test_wrong_passwords_lock_the_account_and_an_admin_reset_unlocks_it(staffed):
    for left in (4, 3, 2, 1):
        with pytest.raises(SignInError, match=f"再错 {left} 次"):
            signin.sign_in(staffed, "wangf", "wrong-one")
    with pytest.raises(SignInError, match="已锁定"):
        signin.sign_in(staffed, "wangf", "wrong-one")
    with pytest.raises(SignInError, match="已锁定至"):
        signin.sign_in(staffed, "wangf", "wangf2026")  # even the right password, while locked
    later = datetime.now().astimezone() + timedelta(minutes=signin.LOCK_MINUTES + 1)
    assert signin.check_password(staffed, "wangf", "wangf2026", now=later).login == "wangf"
    for _ in range(signin.MAX_FAILURES):
        with pytest.raises(SignInError):
            signin.sign_in(staffed, "wangf", "wrong-one")
    signin.sign_in(staffed, "admin", "admin2026")
    accounts.set_password(staffed, "wangf", "fresh2026")
    signin.sign_out(staffed)
    assert signin.sign_in(staffed, "wangf", "fresh2026").name == "王芳"


def test_unknown_and_deactivated_accounts_cannot_sign_in(staffed):
    with pytest.raises(SignInError, match="账号或密码不正确"):
        signin.sign_in(staffed, "nobody", "whatever1")
    accounts.set_active(staffed, "chak", False)
    with pytest.raises(SignInError, match="已停用"):
        signin.sign_in(staffed, "chak", "chak2026")


def test_a_read_only_user_writes_nothing(staffed):
    signin.sign_in(staffed, "chak", "chak2026")
    before = change_count(staffed)
    with pytest.raises(PermissionDenied, match="只读账号"):
        add_person(staffed, PERSON)
    with pytest.raises(PermissionDenied, match="只读账号"):
        add_station(staffed, {"name": "城东暖蜂驿站", "kind": "warm_bee"})
    assert change_count(staffed) == before
    accounts.set_password(staffed, "chak", "mine2026")  # their own password they may change


def test_a_secretary_does_the_work_but_not_users_or_organisation(staffed):
    signin.sign_in(staffed, "wangf", "wangf2026")
    add_person(staffed, PERSON)
    with pytest.raises(PermissionDenied, match="只有管理员"):
        accounts.add_account(staffed, "li", "李四", "secretary", "lisi2026")
    with pytest.raises(PermissionDenied, match="只有管理员"):
        with staffed.unit_of_work() as uow:
            uow.add(Committee(name="新行业党委", code="XX"))
    with pytest.raises(PermissionDenied, match="只有管理员"):
        accounts.set_password(staffed, "chak", "reset2026")


def test_an_administrator_manages_accounts(staffed):
    signin.sign_in(staffed, "admin", "admin2026")
    accounts.add_account(staffed, "li", "李四", "viewer", "lisi2026")
    accounts.update_account(staffed, "li", role="secretary", name="李四")
    assert accounts.find_account(staffed, "li").role_label == "书记/经办"
    with pytest.raises(ValidationError, match="至少要保留一个"):
        accounts.update_account(staffed, "admin", role="viewer")
    assert [a.login for a in accounts.list_accounts(staffed)][0] == "admin"


def test_the_audit_trail_filters_by_user_table_record_and_date(staffed):
    signin.sign_in(staffed, "wangf", "wangf2026")
    person = add_person(staffed, PERSON)
    signin.sign_out(staffed)
    signin.sign_in(staffed, "admin", "admin2026")
    add_station(staffed, {"name": "城东暖蜂驿站", "kind": "warm_bee"})
    by_wang = audit.list_entries(staffed, audit.AuditFilter(author="王芳（wangf）"))
    assert [(r.action, r.table) for r in by_wang] == [("新增", "从业人员")]
    assert "王芳" in by_wang[0].summary and "138****0001" not in by_wang[0].summary
    assert audit.count_entries(staffed, audit.AuditFilter(table="station")) == 1
    assert audit.count_entries(staffed, audit.AuditFilter(row_id=person.id)) == 1
    today = date.today()
    assert audit.count_entries(staffed, audit.AuditFilter(date_from=today, date_to=today)) >= 2
    yesterday = today - timedelta(days=1)
    assert audit.count_entries(staffed, audit.AuditFilter(date_to=yesterday)) == 0
    assert {"王芳（wangf）", "管理员（admin）"} <= set(audit.authors(staffed))


def test_a_read_only_user_sees_personal_data_masked_in_the_trail(staffed):
    add_person(staffed, PERSON)
    signin.sign_in(staffed, "chak", "chak2026")
    row = audit.list_entries(staffed, audit.AuditFilter(table="person"))[0]
    assert "138****0001" in row.summary and "13852300001" not in row.summary


def test_exports_of_personal_data_are_in_the_trail_and_the_trail_exports(staffed, tmp_path):
    signin.sign_in(staffed, "wangf", "wangf2026")
    audit.record_personal_export(staffed, "党员队伍（完整信息）.xlsx", 239)
    rows = audit.list_entries(staffed, audit.AuditFilter(author="王芳（wangf）"))
    assert rows[0].summary == "导出完整个人信息：党员队伍（完整信息）.xlsx（239 条）"
    out = tmp_path / "log.xlsx"
    written = audit.export_entries(staffed, audit.AuditFilter(), out)
    sheet = load_workbook(out).active
    assert sheet.max_row == written + 1 and sheet["B2"].value == "王芳（wangf）"


def test_accounts_sync_but_passwords_never_leave_the_node(staffed):
    from xhdesk.data.models import synced_models

    assert "app_user" in synced_models() and "credential" not in synced_models()
    with staffed.engine.connect() as conn:
        logged = conn.execute(sa.text("SELECT data FROM change WHERE tbl = 'app_user'")).scalars()
        assert all("scrypt" not in data for data in logged)


def test_a_full_roster_export_is_refused_to_read_only_and_logged_for_others(staffed, tmp_path):
    from xhdesk.data.imports.templates import export_full

    add_person(staffed, PERSON)
    signin.sign_in(staffed, "chak", "chak2026")
    with pytest.raises(PermissionDenied, match="只读账号不能导出"):
        export_full(staffed, "persons", tmp_path / "full.xlsx")
    assert not (tmp_path / "full.xlsx").exists()
    signin.sign_out(staffed)
    signin.sign_in(staffed, "wangf", "wangf2026")
    assert export_full(staffed, "persons", tmp_path / "full.xlsx") == 1
    logged = audit.list_entries(staffed, audit.AuditFilter(table="audit_event"))
    assert logged[0].author == "王芳（wangf）" and "完整名册 full.xlsx（1 条）" in logged[0].summary


def test_every_synced_table_follows_the_role_rule(staffed):
    """Each role tried on every kind of write: 只读 none, 书记/经办 all but the administrator's
    tables, 管理员 all — at the unit of work every service writes through."""
    from xhdesk.data.models import synced_models
    from xhdesk.data.users.roles import ADMIN_TABLES

    tables = sorted(synced_models())
    assert ADMIN_TABLES <= set(tables)
    expected = {
        "viewer": set(),
        "secretary": set(tables) - ADMIN_TABLES,
        "admin": set(tables),
    }
    for login, role, password in (
        ("chak", "viewer", "chak2026"),
        ("wangf", "secretary", "wangf2026"),
        ("admin", "admin", "admin2026"),
    ):
        signin.sign_in(staffed, login, password)
        allowed = set()
        for table in tables:
            try:
                staffed.write_guard(table)
            except PermissionDenied:
                continue
            allowed.add(table)
        assert allowed == expected[role], role
        signin.sign_out(staffed)
