"""The data check (数据体检): file integrity, derived tables, every synced row vs its change log."""

from xhdesk.data.check.findings import CheckResult, Finding
from xhdesk.data.check.run import after_import, check, repair

__all__ = ["CheckResult", "Finding", "after_import", "check", "repair"]
