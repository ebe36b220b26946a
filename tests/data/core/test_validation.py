"""Validation of identifiers with published valid and invalid examples."""

from datetime import date

import pytest

from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.validation import (
    id_check_char,
    mask_id_number,
    mask_phone,
    parse_date,
    parse_id_number,
    validate_credit_code,
    validate_phone,
)

# Published unified social credit codes of well-known companies (business licence records).
PUBLISHED_CREDIT_CODES = [
    "914403001922038216",  # 华为技术有限公司
    "91330100716105852F",  # 阿里巴巴（中国）有限公司
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "91110108551385082Q",  # 小米科技有限责任公司
    "91110000802100433B",  # 中国银行股份有限公司
]


def test_published_id_number_from_the_standard_is_valid_and_derives_birth_and_gender():
    info = parse_id_number("11010519491231002x")  # GB 11643's own example, lower-case x accepted
    assert info.number == "11010519491231002X"
    assert info.birth_date == date(1949, 12, 31)
    assert info.gender == "女"
    assert info.region == "110105"


def test_check_digit_of_the_standards_second_example():
    assert id_check_char("44052418800101001") == "4"


@pytest.mark.parametrize(
    "number, message",
    [
        ("110105194912310021", "校验位"),
        ("11010519491231002", "18位"),
        ("1101051949123100AX", "18位"),
        ("110105194902300027", "出生日期"),
        ("", "请填写"),
    ],
)
def test_invalid_id_numbers_are_refused_with_a_chinese_reason(number, message):
    with pytest.raises(ValidationError) as err:
        parse_id_number(number)
    assert message in err.value.message
    assert err.value.field == "id_number"


def test_id_number_born_in_the_future_is_refused():
    first17 = "32128120991231001"
    with pytest.raises(ValidationError, match="出生日期"):
        parse_id_number(first17 + id_check_char(first17))


def test_odd_sequence_digit_means_male():
    first17 = "32128119900101003"
    assert parse_id_number(first17 + id_check_char(first17)).gender == "男"


@pytest.mark.parametrize("code", PUBLISHED_CREDIT_CODES)
def test_published_credit_codes_are_valid(code):
    assert validate_credit_code(code.lower()) == code


@pytest.mark.parametrize(
    "code, message",
    [
        ("914403001922038217", "校验位"),
        ("91330100716105852G", "校验位"),
        ("9144030071526726I G", "18位"),
        ("91440300715267", "18位"),
        ("9144030071526726IG", "18位"),  # I is not in the alphabet
        ("", "请填写"),
    ],
)
def test_invalid_credit_codes_are_refused(code, message):
    with pytest.raises(ValidationError) as err:
        validate_credit_code(code)
    assert message in err.value.message


@pytest.mark.parametrize(
    "raw, clean", [("13812345678", "13812345678"), ("138 1234 5678", "13812345678")]
)
def test_phones(raw, clean):
    assert validate_phone(raw) == clean


@pytest.mark.parametrize("raw", ["1381234567", "23812345678", "12812345678", "138123456789", "abc"])
def test_bad_phones(raw):
    with pytest.raises(ValidationError, match="11位"):
        validate_phone(raw)


def test_optional_phone_may_be_empty():
    assert validate_phone("", required=False) == ""


@pytest.mark.parametrize(
    "raw", ["2026-11-28", "2026/11/28", "20261128", "2026年11月28日", "2026.11.28"]
)
def test_dates_in_the_forms_people_type(raw):
    assert parse_date(raw) == date(2026, 11, 28)


@pytest.mark.parametrize("raw", ["2026-02-30", "28/11/2026", "昨天"])
def test_bad_dates(raw):
    with pytest.raises(ValidationError):
        parse_date(raw, label="入党日期")


def test_masks():
    assert mask_id_number("32128119900101123X") == "321281********123X"
    assert mask_phone("13812345678") == "138****5678"
