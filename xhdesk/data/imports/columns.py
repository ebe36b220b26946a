"""What can be imported: per kind of record, its columns, their headers, synonyms and rules.

The headers here are the ones the templates and the full (unmasked) export write, so an export
re-imports unchanged. Synonyms are the headers offices actually use in their own sheets
(花名册, 党员信息表, 企业台账). A field's ``kind`` says how a cell is normalised and checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import SQLModel

from xhdesk.data.core.vocab import (
    DEVELOPMENT_STAGES,
    ENTERPRISE_KINDS,
    HOST_TYPES,
    MEMBERSHIP_RELATIONS,
    OCCUPATIONS,
    PERSON_STATUSES,
    POLITICAL_STATUSES,
    STATION_KINDS,
    STATION_STATUSES,
)
from xhdesk.data.models import Branch, Committee, Enterprise, Instructor, Person, Station
from xhdesk.data.registry.organisation import clean_enterprise, clean_instructor, clean_station
from xhdesk.data.registry.persons import clean_person

# Field kinds: text, name, id_number, phone, contact_phone, credit_code, code, date, int, choice, ref


@dataclass(frozen=True)
class Field:
    key: str  # the model column
    header: str  # the template's and the export's header
    synonyms: tuple[str, ...] = ()
    kind: str = "text"
    required: bool = False
    vocabulary: dict[str, str] | None = None
    aliases: dict[str, str] | None = None  # more labels people write → code
    ref: type[SQLModel] | None = None  # for kind "ref": the unit named in the cell
    note: str = ""
    example: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)


@dataclass(frozen=True)
class Kind:
    name: str  # persons / stations / enterprises / instructors
    label: str  # 从业人员 …
    model: type[SQLModel]
    fields: tuple[Field, ...]
    match_keys: tuple[tuple[str, ...], ...]  # tried in order: the first complete key matches
    clean: Callable[[dict[str, Any]], dict[str, Any]]  # the dialogs' own validation
    defaults: tuple[tuple[str, Any], ...] = ()  # for new rows whose cell is empty
    unit: str = "条"  # counting word in summaries: 人 / 个 / 家

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    @property
    def refs(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields if f.kind == "ref"}


# Headers that belong to a roster but are not imported (derived from the ID number, or ours).
IGNORED_HEADERS = ("序号", "编码序号", "性别", "出生日期", "出生年月", "年龄", "错误原因", "备注")

POLITICAL_ALIASES = {"党员": "member", "正式党员": "member", "预备党员": "probationary"}
POLITICAL_ALIASES |= {"团员": "league", "共青团员": "league", "民主党派人士": "democratic"}
OCCUPATION_ALIASES = {"快递小哥": "courier", "快递": "courier", "骑手": "rider"}
OCCUPATION_ALIASES |= {"外卖员": "rider", "外卖配送员": "rider", "网约车驾驶员": "rideshare_driver"}
OCCUPATION_ALIASES |= {"货运司机": "truck_driver", "主播": "streamer", "电商": "seller"}
STATUS_ALIASES = {"离职": "left", "在职": "active", "正常": "active"}

_COMMITTEE = Field(
    "committee_id",
    "所属行业党委",
    ("行业党委", "所属党委", "上级党委"),
    kind="ref",
    ref=Committee,
    note="填写系统中已有的行业党委名称",
)

PERSONS = Kind(
    name="persons",
    label="从业人员",
    model=Person,
    unit="人",
    match_keys=(("id_number",), ("name", "phone")),
    clean=clean_person,
    defaults=(("political_status", "masses"), ("status", "active")),
    fields=(
        Field(
            "name",
            "姓名",
            ("名字", "人员姓名", "党员姓名", "真实姓名", "姓 名"),
            kind="name",
            required=True,
            note="必填",
            example="王小明",
        ),
        Field(
            "id_number",
            "身份证号码",
            ("身份证号", "公民身份号码", "身份证", "身份证件号码", "证件号码", "身份号码"),
            kind="id_number",
            required=True,
            note="必填，18位；请将本列设为文本格式",
            example="32128119900307241X",
        ),
        Field(
            "phone",
            "手机号码",
            ("手机", "手机号", "联系电话", "电话", "联系方式", "移动电话", "电话号码"),
            kind="phone",
            note="11位手机号",
            example="13812345678",
        ),
        Field(
            "occupation",
            "职业群体",
            ("职业", "从业类型", "群体类别", "人员类别", "职业类别", "从业类别"),
            kind="choice",
            required=True,
            vocabulary=OCCUPATIONS,
            aliases=OCCUPATION_ALIASES,
            note="必填，从下拉列表选择",
            example="外卖骑手",
        ),
        Field(
            "political_status",
            "政治面貌",
            (),
            kind="choice",
            vocabulary=POLITICAL_STATUSES,
            aliases=POLITICAL_ALIASES,
            note="空白按群众",
            example="中共党员",
        ),
        Field(
            "enterprise_id",
            "所属企业",
            ("企业", "所在企业", "平台企业", "工作单位", "单位", "企业名称"),
            kind="ref",
            ref=Enterprise,
            note="系统中已登记的企业名称",
        ),
        Field(
            "branch_id",
            "所在党支部",
            ("党支部", "所在支部", "所属支部", "所属党支部", "支部", "支部名称"),
            kind="ref",
            ref=Branch,
            note="党员填写；系统中已有的党支部名称",
        ),
        Field(
            "station_id",
            "常驻驿站",
            ("驿站", "所属驿站", "服务驿站", "常驻站点"),
            kind="ref",
            ref=Station,
            note="驿站名称或编号",
        ),
        Field(
            "joined_party_on",
            "入党日期",
            ("入党时间", "入党年月"),
            kind="date",
            note="如 2015-07-01",
            example="2015-07-01",
        ),
        Field(
            "membership_relation",
            "组织关系",
            ("组织关系所在", "党组织关系"),
            kind="choice",
            vocabulary=MEMBERSHIP_RELATIONS,
            aliases={"流动党员": "mobile", "本支部": "in_branch", "未转入": "not_transferred"},
            note="党员填写",
            example="关系在本支部",
        ),
        Field(
            "development_stage",
            "发展阶段",
            ("发展情况",),
            kind="choice",
            vocabulary=DEVELOPMENT_STAGES,
            aliases={"积极分子": "activist", "申请人": "applicant"},
            note="非党员可填",
        ),
        Field("pioneer_post", "先锋示范岗", ("示范岗",)),
        Field("responsibility_area", "党员责任区", ("责任区",)),
        Field(
            "status",
            "在岗状态",
            ("状态", "在职状态"),
            kind="choice",
            vocabulary=PERSON_STATUSES,
            aliases=STATUS_ALIASES,
            note="空白按在岗",
            example="在岗",
        ),
        Field(
            "town", "镇街", ("所在镇街", "乡镇", "镇(街道)", "街道", "所在乡镇"), example="昭阳街道"
        ),
        Field("address", "住址", ("地址", "家庭住址", "居住地址", "现住址", "现居住地")),
    ),
)

STATIONS = Kind(
    name="stations",
    label="驿站阵地",
    model=Station,
    unit="个",
    match_keys=(("code",), ("name",)),
    clean=clean_station,
    defaults=(("status", "open"),),
    fields=(
        Field("code", "编号", ("驿站编号", "站点编号"), kind="code", note="空白则自动编号"),
        Field(
            "name",
            "名称",
            ("驿站名称", "阵地名称", "站点名称"),
            required=True,
            note="必填",
            example="昭阳街道暖蜂驿站",
        ),
        Field(
            "kind",
            "类型",
            ("阵地类型", "驿站类型", "站点类型"),
            kind="choice",
            required=True,
            vocabulary=STATION_KINDS,
            note="必填，从下拉列表选择",
            example="暖蜂驿站",
        ),
        Field(
            "host_type",
            "依托场所",
            ("依托单位类型", "场所类型"),
            kind="choice",
            vocabulary=HOST_TYPES,
            example="便利店",
        ),
        Field("town", "镇街", ("所在镇街", "乡镇", "街道"), example="昭阳街道"),
        Field("address", "地址", ("详细地址", "驿站地址")),
        Field("manager", "负责人", ("站长", "驿站负责人")),
        Field(
            "phone",
            "联系电话",
            ("电话", "手机", "联系方式"),
            kind="contact_phone",
            note="手机或座机（0523-83xxxxxx）",
        ),
        Field("opening_hours", "开放时间", ("服务时间", "开放时段")),
        Field("amenities", "服务设施", ("设施", "配套设施"), note="用顿号分隔"),
        Field(
            "status",
            "状态",
            ("运营状态",),
            kind="choice",
            vocabulary=STATION_STATUSES,
            note="空白按运营中",
        ),
        _COMMITTEE,
    ),
)

ENTERPRISES = Kind(
    name="enterprises",
    label="平台企业",
    model=Enterprise,
    unit="家",
    match_keys=(("credit_code",),),
    clean=clean_enterprise,
    fields=(
        Field(
            "name",
            "企业名称",
            ("企业", "单位名称", "公司名称", "名称"),
            required=True,
            note="必填",
            example="兴化市某某快递有限公司",
        ),
        Field(
            "kind",
            "企业类型",
            ("类型", "企业类别", "行业类别"),
            kind="choice",
            required=True,
            vocabulary=ENTERPRISE_KINDS,
            note="必填，从下拉列表选择",
            example="快递企业",
        ),
        Field(
            "credit_code",
            "统一社会信用代码",
            ("信用代码", "社会信用代码", "统一代码", "统一社会信用代码证"),
            kind="credit_code",
            required=True,
            note="必填，18位",
            example="91321281MA1XXXXXX",
        ),
        Field("address", "地址", ("企业地址", "注册地址", "经营地址")),
        Field("town", "镇街", ("所在镇街", "乡镇", "街道")),
        Field("contact_name", "联系人", ("企业联系人",)),
        Field(
            "contact_phone",
            "联系电话",
            ("电话", "联系人电话", "联系方式"),
            kind="contact_phone",
        ),
        Field("workforce", "从业人数", ("员工人数", "人数", "职工人数"), kind="int"),
        Field("liaison_leader", "分管领导", ()),
        Field("section_staff", "职能科室工作人员", ("科室工作人员",)),
        Field("party_worker", "专职党务工作者", ("党务工作者",)),
        Field(
            "instructor_id",
            "党建指导员",
            ("指导员",),
            kind="ref",
            ref=Instructor,
            note="系统中已有的指导员姓名",
        ),
        _COMMITTEE,
    ),
)

INSTRUCTORS = Kind(
    name="instructors",
    label="党建指导员",
    model=Instructor,
    unit="人",
    match_keys=(("name", "phone"),),
    clean=clean_instructor,
    fields=(
        Field("name", "姓名", ("名字", "指导员姓名"), kind="name", required=True, note="必填"),
        Field("phone", "手机号码", ("手机", "手机号", "联系电话", "电话"), kind="phone"),
        Field("unit", "工作单位", ("单位", "所在单位")),
        _COMMITTEE,
    ),
)

KINDS: dict[str, Kind] = {k.name: k for k in (PERSONS, STATIONS, ENTERPRISES, INSTRUCTORS)}


def get_kind(name: str) -> Kind:
    from xhdesk.data.core.errors import ValidationError

    try:
        return KINDS[name]
    except KeyError:
        raise ValidationError(
            f"导入类型应为 {'、'.join(KINDS)} 之一，而不是 {name}。", field="kind"
        ) from None
