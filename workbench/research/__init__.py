"""Research tooling, apart from the app: scoring the detector against brat-annotated
gold (``quote-workbench evaluate``), the brat reader, and the canonical-name scoring.

Only the CLI's ``evaluate`` command and ``benchmarks/`` use it; the app (domain,
services, persistence, ui) never imports it (an import-linter contract in
pyproject.toml).
"""
