"""``backup``, ``restore`` and ``upgrade``: keeping the database file safe from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="备份数据库（默认存入数据库旁的 .backups 文件夹）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("--out", metavar="FILE", help="备份文件（以 .gz 结尾则压缩）")
    p.set_defaults(run=run_backup)

    p = sub.add_parser("restore", help="从备份恢复数据库（先备份当前文件）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.add_argument("source", metavar="FROM", help="备份文件（.sqlite3.gz 或 .sqlite3）")
    p.set_defaults(run=run_restore)

    p = sub.add_parser("upgrade", help="把旧版本的数据库升级到本软件的版本（先备份）")
    p.add_argument("--db", required=True, metavar="PATH")
    p.set_defaults(run=run_upgrade)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


def run_backup(args: argparse.Namespace) -> int:
    from xhdesk.data.core.backup import create_backup
    from xhdesk.data.core.opening import check_path

    path = Path(args.db)
    check_path(path, create=False)  # any version may be backed up: no need to open it
    info = create_backup(path, out=Path(args.out) if args.out else None)
    print(f"已备份到 {info.path}（{_size(info.size)}，完整性检查通过）")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from xhdesk.data.core.restore import restore_backup

    path = Path(args.db)
    before = restore_backup(path, Path(args.source))
    if before is not None:
        print(f"恢复前的数据库已备份到 {before.path}")
    print(f"已从 {args.source} 恢复数据库 {path}")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    from xhdesk.data.core.store import Store
    from xhdesk.data.migrations import head_revision

    with Store.open(args.db, create=False, migrate=True):
        pass
    print(f"数据库 {args.db} 已是本软件的版本（{head_revision()}）。")
    return 0
