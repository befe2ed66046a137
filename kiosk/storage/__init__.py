"""Persistence: SQLAlchemy models, engine set-up, unit of work and Alembic migrations."""
