from alembic import context

from xhdesk.data.models import metadata

connection = context.config.attributes.get("connection")
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
