"""Rescue a damaged project: the use case behind `quote-workbench rescue` and the window's Rescue button."""

from workbench.persistence.rescue import RescueResult, TableRescue, rescue_project

__all__ = ["RescueResult", "TableRescue", "rescue_project", "describe_rescue"]


def describe_rescue(result: RescueResult) -> str:
    """One sentence for people: what was saved and what was lost."""
    quotes = next((t for t in result.tables if t.table == "quotes"), None)
    articles = next((t for t in result.tables if t.table == "articles"), None)
    parts = [f"{result.saved:,} records saved into “{result.target.name}”, {result.lost:,} lost"]
    if articles and quotes:
        parts.append(f"articles {articles.saved} saved / {articles.lost} lost, "
                     f"quotes {quotes.saved} saved / {quotes.lost} lost")
    if result.repaired:
        parts.append(f"{result.repaired} texts kept with unreadable characters shown as �")
    return "; ".join(parts) + "."
