"""The programme pages of the 活动学习 tab (teams, 随手拍, learning, 四亮), as (title, page)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from xhdesk.data.core.store import Store
from xhdesk.i18n import tr

# What the programme pages show: a change to any of these (here or from a sync) refreshes them.
PROGRAMME_TABLES = (
    "volunteer_team",
    "team_member",
    "service_record",
    "service_participant",
    "duty_role",
    "governance_report",
    "report_photo",
    "report_event",
    "courseware",
    "training",
    "training_attendance",
    "viewing",
    "showcase_mark",
)


def programme_pages(store: Store, parent: QWidget | None = None) -> list[tuple[str, QWidget]]:
    from xhdesk.ui.activities.learning_page import LearningPage
    from xhdesk.ui.activities.reports_page import ReportsPage
    from xhdesk.ui.activities.showcase_page import ShowcasePage
    from xhdesk.ui.activities.teams_page import TeamsPage

    return [
        (tr("志愿服务队"), TeamsPage(store, parent)),
        (tr("随手拍"), ReportsPage(store, parent)),
        (tr("学习培训"), LearningPage(store, parent)),
        (tr("四亮"), ShowcasePage(store, parent)),
    ]
