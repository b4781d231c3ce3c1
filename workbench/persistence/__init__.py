"""SQLAlchemy 2 over SQLite project files. ORM records never leave this package."""
