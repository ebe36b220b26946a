"""Activities (活动): planning, sign-up and sign-in at a desk, and the attendees' declarations."""

from xhdesk.data.activities.attendance import (
    Attendee,
    SignIn,
    attendees,
    sheet_persons,
    sign_in,
    sign_in_code,
    sign_in_many,
    sign_up,
)
from xhdesk.data.activities.cards import member_code, person_of_code
from xhdesk.data.activities.declarations import (
    Generated,
    close_activity,
    declaration_id_for,
    generate_declarations,
)
from xhdesk.data.activities.plans import (
    ActivityFilter,
    ActivityInput,
    ActivityRow,
    count_activities,
    create_activity,
    get_activity,
    list_activities,
    update_activity,
)

__all__ = [
    "ActivityFilter",
    "ActivityInput",
    "ActivityRow",
    "Attendee",
    "Generated",
    "SignIn",
    "attendees",
    "close_activity",
    "count_activities",
    "create_activity",
    "declaration_id_for",
    "generate_declarations",
    "get_activity",
    "list_activities",
    "member_code",
    "person_of_code",
    "sheet_persons",
    "sign_in",
    "sign_in_code",
    "sign_in_many",
    "sign_up",
    "update_activity",
]
