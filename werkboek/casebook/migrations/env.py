"""Alembic environment: migrations always run on a connection handed in by werkboek.casebook.migrate."""

from alembic import context

from werkboek.casebook.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
