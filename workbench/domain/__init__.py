"""Pure domain: dataclasses, enums and algorithms. Imports neither Qt nor SQLAlchemy."""
