"""programme: volunteer teams and 五员, governance reports, learning, 四亮 marks

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Issue #17 (part B): see xhdesk/data/volunteering, governance, learning and showcase."""
    op.create_table(
        "courseware",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("link", sa.String(length=300), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_courseware_deleted"), "courseware", ["deleted"], unique=False)
    op.create_index(op.f("ix_courseware_title"), "courseware", ["title"], unique=False)
    op.create_table(
        "training",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=60), nullable=False),
        sa.Column("courseware_id", sa.String(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["courseware_id"],
            ["courseware.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_training_deleted"), "training", ["deleted"], unique=False)
    op.create_index(op.f("ix_training_held_on"), "training", ["held_on"], unique=False)
    op.create_table(
        "showcase_mark",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("subject", sa.String(length=10), nullable=False),
        sa.Column("station_id", sa.String(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("set_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=30), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["station.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_showcase_mark_station_id"), "showcase_mark", ["station_id"], unique=False
    )
    op.create_index(
        "ix_showcase_mark_subject", "showcase_mark", ["subject_id", "kind", "set_on"], unique=False
    )
    op.create_table(
        "volunteer_team",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("occupation", sa.String(length=20), nullable=False),
        sa.Column("station_id", sa.String(), nullable=True),
        sa.Column("committee_id", sa.String(), nullable=True),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committee.id"],
        ),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["station.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_volunteer_team_committee_id"), "volunteer_team", ["committee_id"], unique=False
    )
    op.create_index(op.f("ix_volunteer_team_deleted"), "volunteer_team", ["deleted"], unique=False)
    op.create_index(op.f("ix_volunteer_team_name"), "volunteer_team", ["name"], unique=False)
    op.create_index(
        op.f("ix_volunteer_team_station_id"), "volunteer_team", ["station_id"], unique=False
    )
    op.create_table(
        "service_record",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("team_id", sa.String(), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("recorded_by", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["volunteer_team.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_service_record_kind"), "service_record", ["kind"], unique=False)
    op.create_index(
        op.f("ix_service_record_served_on"), "service_record", ["served_on"], unique=False
    )
    op.create_index(op.f("ix_service_record_team_id"), "service_record", ["team_id"], unique=False)
    op.create_table(
        "duty_role",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("station_id", sa.String(), nullable=True),
        sa.Column("from_on", sa.Date(), nullable=False),
        sa.Column("to_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
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
    op.create_index(op.f("ix_duty_role_deleted"), "duty_role", ["deleted"], unique=False)
    op.create_index(op.f("ix_duty_role_person_id"), "duty_role", ["person_id"], unique=False)
    op.create_index(op.f("ix_duty_role_role"), "duty_role", ["role"], unique=False)
    op.create_index(op.f("ix_duty_role_station_id"), "duty_role", ["station_id"], unique=False)
    op.create_table(
        "governance_report",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("station_id", sa.String(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("taken_by", sa.String(length=30), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
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
    op.create_index(op.f("ix_governance_report_kind"), "governance_report", ["kind"], unique=False)
    op.create_index(
        op.f("ix_governance_report_number"), "governance_report", ["number"], unique=False
    )
    op.create_index(
        op.f("ix_governance_report_person_id"), "governance_report", ["person_id"], unique=False
    )
    op.create_index(
        op.f("ix_governance_report_reported_at"), "governance_report", ["reported_at"], unique=False
    )
    op.create_index(
        op.f("ix_governance_report_station_id"), "governance_report", ["station_id"], unique=False
    )
    op.create_table(
        "service_participant",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(), nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["service_record.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_service_participant_person_id"), "service_participant", ["person_id"], unique=False
    )
    op.create_index(
        "ix_service_participant_record",
        "service_participant",
        ["record_id", "person_id"],
        unique=False,
    )
    op.create_table(
        "team_member",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("team_id", sa.String(), nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["volunteer_team.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_team_member_deleted"), "team_member", ["deleted"], unique=False)
    op.create_index(op.f("ix_team_member_person_id"), "team_member", ["person_id"], unique=False)
    op.create_index(
        "ix_team_member_team_person", "team_member", ["team_id", "person_id"], unique=False
    )
    op.create_table(
        "training_attendance",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("training_id", sa.String(), nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["training.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_training_attendance_person_id"), "training_attendance", ["person_id"], unique=False
    )
    op.create_index(
        "ix_training_attendance_tp",
        "training_attendance",
        ["training_id", "person_id"],
        unique=False,
    )
    op.create_table(
        "viewing",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("courseware_id", sa.String(), nullable=False),
        sa.Column("viewed_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("source_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["courseware_id"],
            ["courseware.id"],
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_viewing_courseware_id"), "viewing", ["courseware_id"], unique=False)
    op.create_index(
        "ix_viewing_person_day", "viewing", ["person_id", "viewed_on", "minutes"], unique=False
    )
    op.create_index(op.f("ix_viewing_source_key"), "viewing", ["source_key"], unique=False)
    op.create_index(op.f("ix_viewing_viewed_on"), "viewing", ["viewed_on"], unique=False)
    op.create_table(
        "report_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("report_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=30), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("department_id", sa.String(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("declaration_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["governance_report.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_report_event_kind"), "report_event", ["kind"], unique=False)
    op.create_index("ix_report_event_report_at", "report_event", ["report_id", "at"], unique=False)
    op.create_table(
        "report_photo",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("report_id", sa.String(), nullable=False),
        sa.Column("filename", sa.String(length=120), nullable=False),
        sa.Column("mime", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_by", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["governance_report.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_report_photo_report_id"), "report_photo", ["report_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_report_photo_report_id"), table_name="report_photo")
    op.drop_table("report_photo")
    op.drop_index("ix_report_event_report_at", table_name="report_event")
    op.drop_index(op.f("ix_report_event_kind"), table_name="report_event")
    op.drop_table("report_event")
    op.drop_index(op.f("ix_viewing_viewed_on"), table_name="viewing")
    op.drop_index(op.f("ix_viewing_source_key"), table_name="viewing")
    op.drop_index("ix_viewing_person_day", table_name="viewing")
    op.drop_index(op.f("ix_viewing_courseware_id"), table_name="viewing")
    op.drop_table("viewing")
    op.drop_index("ix_training_attendance_tp", table_name="training_attendance")
    op.drop_index(op.f("ix_training_attendance_person_id"), table_name="training_attendance")
    op.drop_table("training_attendance")
    op.drop_index("ix_team_member_team_person", table_name="team_member")
    op.drop_index(op.f("ix_team_member_person_id"), table_name="team_member")
    op.drop_index(op.f("ix_team_member_deleted"), table_name="team_member")
    op.drop_table("team_member")
    op.drop_index("ix_service_participant_record", table_name="service_participant")
    op.drop_index(op.f("ix_service_participant_person_id"), table_name="service_participant")
    op.drop_table("service_participant")
    op.drop_index(op.f("ix_governance_report_station_id"), table_name="governance_report")
    op.drop_index(op.f("ix_governance_report_reported_at"), table_name="governance_report")
    op.drop_index(op.f("ix_governance_report_person_id"), table_name="governance_report")
    op.drop_index(op.f("ix_governance_report_number"), table_name="governance_report")
    op.drop_index(op.f("ix_governance_report_kind"), table_name="governance_report")
    op.drop_table("governance_report")
    op.drop_index(op.f("ix_duty_role_station_id"), table_name="duty_role")
    op.drop_index(op.f("ix_duty_role_role"), table_name="duty_role")
    op.drop_index(op.f("ix_duty_role_person_id"), table_name="duty_role")
    op.drop_index(op.f("ix_duty_role_deleted"), table_name="duty_role")
    op.drop_table("duty_role")
    op.drop_index(op.f("ix_service_record_team_id"), table_name="service_record")
    op.drop_index(op.f("ix_service_record_served_on"), table_name="service_record")
    op.drop_index(op.f("ix_service_record_kind"), table_name="service_record")
    op.drop_table("service_record")
    op.drop_index(op.f("ix_volunteer_team_station_id"), table_name="volunteer_team")
    op.drop_index(op.f("ix_volunteer_team_name"), table_name="volunteer_team")
    op.drop_index(op.f("ix_volunteer_team_deleted"), table_name="volunteer_team")
    op.drop_index(op.f("ix_volunteer_team_committee_id"), table_name="volunteer_team")
    op.drop_table("volunteer_team")
    op.drop_index("ix_showcase_mark_subject", table_name="showcase_mark")
    op.drop_index(op.f("ix_showcase_mark_station_id"), table_name="showcase_mark")
    op.drop_table("showcase_mark")
    op.drop_index(op.f("ix_training_held_on"), table_name="training")
    op.drop_index(op.f("ix_training_deleted"), table_name="training")
    op.drop_table("training")
    op.drop_index(op.f("ix_courseware_title"), table_name="courseware")
    op.drop_index(op.f("ix_courseware_deleted"), table_name="courseware")
    op.drop_table("courseware")
