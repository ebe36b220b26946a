"""Import of the office's own spreadsheets: persons, stations, enterprises and instructors.

``build_plan`` reads, maps, checks and matches a file without writing; ``apply_plan`` writes the
accepted rows in one unit of work; ``write_error_report`` writes the refused rows for fixing;
``write_template`` and ``export_full`` write the columns an import reads.
"""

from xhdesk.data.imports.columns import KINDS, get_kind
from xhdesk.data.imports.matching import MODES
from xhdesk.data.imports.plan import Counts, ImportPlan, ImportResult, apply_plan, build_plan
from xhdesk.data.imports.report import default_report_path, write_error_report
from xhdesk.data.imports.templates import export_full, write_template

__all__ = [
    "KINDS",
    "MODES",
    "Counts",
    "ImportPlan",
    "ImportResult",
    "apply_plan",
    "build_plan",
    "default_report_path",
    "export_full",
    "get_kind",
    "write_error_report",
    "write_template",
]
