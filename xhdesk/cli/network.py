"""Network commands: ``units`` (every unit and its code), ``nodes`` and ``revoke``."""

from __future__ import annotations

import argparse
import json

from xhdesk.cli.common import open_existing


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("units", help="列出全部单位（行业党委、党支部、驿站）及其代码")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run_units)
    register_nodes(sub)


def run_units(args: argparse.Namespace) -> int:
    from xhdesk.data.registry.units import UNIT_KINDS, list_units

    with open_existing(args.db, args, migrate=False) as store:
        units = list_units(store)
    if args.json:
        rows = [
            {"code": u.code, "kind": u.kind, "name": u.name, "parent_code": u.parent_code}
            for u in units
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for u in units:
        print(
            f"{u.code or '-':<6} {UNIT_KINDS[u.kind]:<4} {u.name}（上级：{u.parent_code or '-'}）"
        )
    return 0


def register_nodes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("nodes", help="列出网络中的全部节点（单位、最近同步、时钟、状态）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(run=run_nodes)

    p = sub.add_parser("revoke", help="中心吊销一个节点的密钥（电脑丢失时）")
    p.add_argument("--db", required=True, metavar="CENTRE_DB")
    p.add_argument("--node", required=True, metavar="NODE", help="节点名称或编号")
    p.set_defaults(run=run_revoke)


def run_nodes(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from xhdesk.data.sync.nodes import list_nodes, role_label

    with open_existing(args.db, args, migrate=False) as store:
        rows = list_nodes(store)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        seen = f"最近同步包 {r.last_package_at}" if r.last_package_at else "尚未收到同步包"
        print(
            f"{r.name}（{role_label(r.role)}，{r.unit_code or '-'} {r.unit_name}）"
            f" {r.state_label}；{seen}；变更至 {r.last_seq}；时钟{r.clock}；{r.id}"
        )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from xhdesk.data.sync.nodes import revoke_node

    with open_existing(args.db, args) as store:
        node = revoke_node(store, args.node)
    print(f"已吊销节点 {node.name}（{node.id}）的密钥；导出同步包后，各节点将拒收其同步包。")
    return 0
