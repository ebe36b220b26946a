"""Sync commands: ``init``, ``enrol``, ``export``, ``import``, ``digest``."""

from __future__ import annotations

import argparse
from pathlib import Path

from xhdesk.cli.common import open_existing
from xhdesk.data.core.errors import ValidationError
from xhdesk.data.core.store import DEFAULT_NODE_NAME


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="创建新的空数据库（中心节点，或由登记文件创建）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--name", metavar="NAME", help=f"中心节点名称（默认：{DEFAULT_NODE_NAME}）")
    p.add_argument("--role", metavar="ROLE", help="centre（默认；其他角色须由中心登记）")
    p.add_argument("--from", dest="enrolment", metavar="FILE.xhnode", help="中心签发的登记文件")
    p.add_argument("--passphrase", metavar="TEXT", help="登记文件的口令")
    p.set_defaults(run=run_init)

    p = sub.add_parser("enrol", help="中心登记新节点，生成登记文件")
    p.add_argument("--db", required=True, metavar="CENTRE_DB")
    p.add_argument("--name", required=True, metavar="NAME")
    p.add_argument("--role", required=True, choices=("committee", "branch", "station"))
    p.add_argument(
        "--unit", required=True, metavar="CODE", help="节点所属单位的代码或名称（见 xhdesk units）"
    )
    p.add_argument("--out", required=True, metavar="FILE.xhnode")
    p.add_argument(
        "--passphrase",
        metavar="TEXT",
        help="保护登记文件中密钥的口令（不写则自动生成并只显示一次）",
    )
    p.set_defaults(run=run_enrol)

    p = sub.add_parser("export", help="导出同步包")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--out", required=True, metavar="FILE.xhsync")
    p.add_argument("--to", metavar="NODE", help="接收节点（名称或编号）；不写则导出全部")
    p.set_defaults(run=run_export)

    p = sub.add_parser("import", help="导入同步包")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("package", metavar="FILE.xhsync")
    p.set_defaults(run=run_import)

    p = sub.add_parser("digest", help="打印全部同步内容的校验值（用于对账）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--for", dest="for_node", metavar="NODE", help="只算该节点应持有的内容")
    p.set_defaults(run=run_digest)


def run_init(args: argparse.Namespace) -> int:
    from xhdesk.data.sync.nodes import init_centre, init_from, role_label

    if args.enrolment:
        if args.name or args.role:
            raise ValidationError(
                "使用 --from 时节点名称和角色来自登记文件，请勿再写 --name/--role。"
            )
        node = init_from(Path(args.db), Path(args.enrolment), args.passphrase)
    else:
        if (args.role or "centre") != "centre":
            raise ValidationError(
                "只有中心节点可以直接创建（--role centre）；其他节点请由中心 enrol 后用 --from 创建。"
            )
        node = init_centre(Path(args.db), args.name or DEFAULT_NODE_NAME)
    print(f"已创建节点数据库 {args.db}：{node.name}（{role_label(node.role)}，{node.id}）")
    return 0


def run_enrol(args: argparse.Namespace) -> int:
    from xhdesk.data.sync.nodes import enrol, role_label

    with open_existing(args.db, args) as store:
        done = enrol(store, args.name, args.role, Path(args.out), args.passphrase, unit=args.unit)
    node = done.node
    print(
        f"已登记 {node.name}（{role_label(node.role)}，单位 {node.unit_code}，{node.id}），"
        f"登记文件：{args.out}"
    )
    if done.generated:
        print(f"登记文件口令：{done.passphrase}（只显示这一次，请与登记文件分开交给该节点）")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from xhdesk.data.sync.export import describe, export_package

    with open_existing(args.db, args) as store:
        report = export_package(store, Path(args.out), args.to)
    print(describe(report))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from xhdesk.data.sync.importer import import_package

    with open_existing(args.db, args) as store:
        report = import_package(store, Path(args.package))
    print(report.summary())
    for line in report.refusals:
        print(f"  已拒绝：{line}")
    return 0


def run_digest(args: argparse.Namespace) -> int:
    from xhdesk.data.sync.digest import content_digest, digest_for

    with open_existing(args.db, args, migrate=False) as store:
        print(digest_for(store, args.for_node) if args.for_node else content_digest(store))
    return 0
