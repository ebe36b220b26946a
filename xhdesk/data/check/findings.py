"""What the data check reports: findings (one Chinese line each) and counts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# kinds of finding
INTEGRITY = "integrity"  # PRAGMA integrity_check
FOREIGN_KEY = "foreign_key"  # PRAGMA foreign_key_check
DERIVED = "derived"  # a derived table differs from its recomputation
FOLD = "fold"  # a synced row differs from the fold of its change-log entries
NO_CHANGES = "no_changes"  # a synced row with no change-log entry at all
MISSING_ROW = "missing_row"  # the change log has a row's insert, the table lacks the row

REPAIRABLE = {DERIVED, FOLD, MISSING_ROW}


@dataclass(frozen=True)
class Finding:
    kind: str
    table: str
    key: str  # the row's id or the derived key, joined by "/"
    message: str  # one line, Chinese

    @property
    def repairable(self) -> bool:
        return self.kind in REPAIRABLE

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "repairable": self.repairable}


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    conflicts: int = 0  # open sync conflicts (for a person to resolve; not a fault)
    quarantined: int = 0  # refused changes kept aside (not a fault)
    truncated: bool = False  # more findings of some kind than were listed
    repaired: int = 0  # findings fixed by --repair (before the second check)
    backup: str = ""
    quick: bool = False  # the file checked by quick_check only (indexes not compared)

    @property
    def ok(self) -> bool:
        return not self.findings

    def lines(self) -> list[str]:
        out = [f.message for f in self.findings]
        if self.truncated:
            out.append("（同类问题较多，仅列出前若干条）")
        if self.repaired:
            out.append(f"已修复 {self.repaired} 处问题（修复前已备份：{self.backup}）。")
        if self.quick:
            out.append("（快速体检：数据库文件只做了 quick_check，未逐条比对索引与表。）")
        out.append(f"待处理冲突 {self.conflicts} 条，已隔离变更 {self.quarantined} 条。")
        verdict = "数据体检通过，未发现问题。" if self.ok else f"发现 {len(self.findings)} 处问题。"
        out.append(verdict)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "findings": [f.as_dict() for f in self.findings],
            "conflicts": self.conflicts,
            "quarantined": self.quarantined,
            "truncated": self.truncated,
            "repaired": self.repaired,
            "quick": self.quick,
        }
