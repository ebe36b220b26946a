"""requests: service kinds, requests, events, calendar

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _derived(rid: str) -> str:
    """SELECT of (request id, state, due date in force, department) by the fixed rule.

    Events ordered by (at, id), escalations ignored: the last one's kind is the state, except a
    return visit: visited, or reopened when 不满意. The due date is the last one an event set, else
    the request's; the department is the last forwarding's, else the request's default.
    """
    latest = f"FROM request_event e WHERE e.request_id = {rid} AND {{}} ORDER BY e.at DESC, e.id DESC LIMIT 1"
    state = (
        "SELECT CASE WHEN e.kind = 'return_visit' THEN CASE WHEN e.satisfaction = 'unsatisfied' "
        "THEN 'reopened' ELSE 'visited' END ELSE e.kind END "
        + latest.format("e.kind != 'escalated'")
    )
    due = "SELECT e.due_on " + latest.format("e.due_on IS NOT NULL")
    dept = "SELECT e.department_id " + latest.format("e.kind = 'forwarded'")
    request = f"SELECT {{}} FROM service_request r WHERE r.id = {rid}"
    return (
        f"SELECT {rid}, ({state}), COALESCE(({due}), ({request.format('r.due_on')})), "
        f"COALESCE(({dept}), ({request.format('r.department_id')}))"
    )


_UPSERT = (
    "ON CONFLICT(request_id) DO UPDATE SET state = excluded.state, due_on = excluded.due_on, "
    "department_id = excluded.department_id"
)
STATE_TRIGGERS = [
    # every event, from a service or a sync import, refreshes its request's derived state
    "CREATE TRIGGER tr_request_event_state AFTER INSERT ON request_event BEGIN "
    f"INSERT INTO request_state (request_id, state, due_on, department_id) "
    f"{_derived('NEW.request_id')} WHERE 1 {_UPSERT}; END",
    # a synced edit of the request's own due date or default department
    "CREATE TRIGGER tr_service_request_state AFTER UPDATE OF due_on, department_id "
    "ON service_request BEGIN "
    f"INSERT INTO request_state (request_id, state, due_on, department_id) "
    f"{_derived('NEW.id')} WHERE 1 {_UPSERT}; END",
]


def upgrade() -> None:
    """Tables of issue #5: catalogue, working-day calendar, requests and their events."""
    op.create_table(
        "department",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_department_deleted"), ["deleted"], unique=False)

    op.create_table(
        "service_kind",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("department_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("icon", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_kind", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_kind_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_service_kind_department_id"), ["department_id"], unique=False
        )

    op.create_table(
        "station_offering",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("station_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kind_id"],
            ["service_kind.id"],
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["station.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("station_offering", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_station_offering_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_station_offering_kind_id"), ["kind_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_station_offering_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "calendar_day",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("calendar_day", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_day_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_calendar_day_deleted"), ["deleted"], unique=False)

    op.create_table(
        "service_request",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("person_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("requester_name", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("requester_phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("kind_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("station_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("department_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("urgency", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("node_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("accepted_by", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
        ),
        sa.ForeignKeyConstraint(
            ["kind_id"],
            ["service_kind.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["station.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("service_request", schema=None) as batch_op:
        batch_op.create_index("ix_service_request_accepted_at", ["accepted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_request_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_service_request_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_request_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_request_kind_id"), ["kind_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_request_number"), ["number"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_service_request_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_request_station_id"), ["station_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_request_urgency"), ["urgency"], unique=False)

    op.create_table(
        "request_event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("request_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("node_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("department_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("satisfaction", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("merged_into_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["service_request.id"],
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_request.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("request_event", schema=None) as batch_op:
        batch_op.create_index("ix_request_event_kind_at", ["kind", "at"], unique=False)
        batch_op.create_index(
            "ix_request_event_request_at",
            ["request_id", "at", "id", "kind", "satisfaction", "due_on", "department_id"],
            unique=False,
        )

    op.create_table(
        "request_state",
        sa.Column("request_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("department_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(["request_id"], ["service_request.id"]),
        sa.PrimaryKeyConstraint("request_id"),
    )
    with op.batch_alter_table("request_state", schema=None) as batch_op:
        batch_op.create_index("ix_request_state_state_due", ["state", "due_on"], unique=False)
    for statement in STATE_TRIGGERS:
        op.execute(statement)
    op.execute(f"INSERT INTO request_state {_derived('service_request.id')} FROM service_request")


def downgrade() -> None:
    """Drop the request tables (their indexes and triggers go with them), children first."""
    op.drop_table("request_state")
    op.drop_table("request_event")
    op.drop_table("service_request")
    op.drop_table("calendar_day")
    op.drop_table("station_offering")
    op.drop_table("service_kind")
    op.drop_table("department")
