"""The report as Markdown (CommonMark): readable as plain text, safe to render.

Every value from the project goes through ``markdown_text``, so a note holding
``<script>`` or ``[a](javascript:…)`` stays text when a Markdown renderer turns
the file into HTML. Only http(s) links become links.
"""

from __future__ import annotations

from workbench.services.reports.agreement import agreement_markdown
from workbench.services.reports.data import QuoteItem, ReportData, ReportOrder
from workbench.services.reports.html import scope_sentence, when
from workbench.services.reports.safety import markdown_text as md


def _link(text: str, url: str | None) -> str:
    if not url:
        return md(text)
    destination = url.replace("<", "%3C").replace(">", "%3E")
    return f"[{md(text)}](<{destination}>)"


def _quoted_block(text: str, indent: str = "") -> list[str]:
    return [f"{indent}> {line}" if line else f"{indent}>" for line in md(text).splitlines() or [""]]


def render_markdown(data: ReportData) -> str:
    """Pure Python; safe to call off the GUI thread."""
    out: list[str] = [f"# {md(data.title)}", "", "*Verification report*", ""]
    out += [
        f"- **Analysts:** {md(', '.join(data.analysts)) or '—'}",
        f"- **Report date:** {when(data.generated_at)}",
        f"- **Project created:** {when(data.created)}",
        f"- **Last changed:** {when(data.modified)}",
        f"- **Scope:** {md(scope_sentence(data))}",
        f"- **Content fingerprint:** SHA-256 `{data.fingerprint}`",
        "",
        "## Reviewer sign-off",
        "",
    ]
    if data.signoff:
        s = data.signoff
        out += [f"- **Decision:** {s.decision_label}", f"- **Reviewer:** {md(s.reviewer)}",
                f"- **Date:** {when(s.at)}"]
        if s.comment:
            out.append(f"- **Comment:** {md(' '.join(s.comment.split()))}")
        state = ("current — the annotations have not changed since the sign-off" if s.current
                 else "out of date — the annotations changed after the sign-off")
        out += [f"- **Applies to:** {state}", ""]
    else:
        out += ["No reviewer has signed off this project.", ""]

    out += ["## Summary", "",
            f"{data.total_quotes} quotes in {len(data.articles)} articles; {data.listed_count} listed below"
            + (f" ({data.omitted_unchecked} unchecked or in progress left out)." if data.omitted_unchecked else "."),
            "", "| Status | Quotes | |", "|---|---:|---|"]
    top = max(data.max_count, 1)
    for c in data.status_counts:
        bar = "█" * round(20 * c.count / top) if c.count else ""
        out.append(f"| {c.label} | {c.count} | {bar} |")
    out += ["", "## Articles", ""]
    if data.articles:
        out += ["| Headline | Source | Published | Quotes listed |", "|---|---|---|---:|"]
        for a in data.articles:
            source = _link(a.publisher or a.link or a.source, a.link).replace("|", "\\|")
            out.append(f"| {md(a.title)} | {source} | {a.published or 'unknown'} | {a.quote_count} |")
    else:
        out.append("This project holds no articles.")
    if data.agreement:
        out += [""] + agreement_markdown(data.agreement)
    by_speaker = data.options.order == ReportOrder.SPEAKER
    out += ["", f"## Quotes by {'speaker' if by_speaker else 'article'}", ""]
    if not data.listed_count:
        out += ["**No quotes to report.** " + (
            f"All {data.total_quotes} quotes in the chosen articles are still unchecked or in progress; "
            "include unchecked quotes to list them." if data.total_quotes
            else "The chosen articles hold no quotes."), ""]
    for section in data.sections:
        if not section.quotes and by_speaker:
            continue
        out += [f"### {_link(section.heading, section.link)}", ""]
        out += [f"{md(line)}  " for line in section.details]
        out.append("")
        if not section.quotes:
            out += ["*No quotes listed from this article.*", ""]
        for q in section.quotes:
            out += _quote_lines(q, by_speaker)
    out += ["---", "",
            f"Made with Quote Workbench {data.app_version} on {when(data.generated_at)} from project "
            f"“{md(data.title)}” ({data.project_id}); content fingerprint SHA-256 `{data.fingerprint}`.", ""]
    return "\n".join(out)


def _quote_lines(q: QuoteItem, by_speaker: bool) -> list[str]:
    out = [f"#### Quote {q.id} — {q.status_label}", ""]
    out += _quoted_block(q.text)
    out.append("")
    speaker = md(q.speaker) if q.speaker else "not identified"
    if q.speaker_role:
        speaker += f", {md(q.speaker_role)}"
    out.append(f"- **Speaker:** {speaker}")
    if by_speaker:
        out.append(f"- **Article:** {md(q.article_title)}")
    date = q.date_said or "unknown"
    if q.date_evidence:
        date += f" (“{md(q.date_evidence)}”)"
    out.append(f"- **Date said:** {date}")
    out.append(f"- **Status:** {q.status_label}")
    if q.note:
        out.append(f"- **Note:** {md(' '.join(q.note.split()))}")
    if q.source_check:
        sc = q.source_check
        out.append(f"- **Source check:** {sc.verdict_label} (score {sc.score:.1f}) against "
                   f"{md(sc.source_title or sc.source_origin)} (source {sc.source_id}) — {md(sc.reason)}")
        for location, words in sc.passages:
            out += _quoted_block(words, "    ")
            out.append(f"    {md(location)}")
        if sc.edits:
            out.append("    Word edits: " + "; ".join(_edit_md(e) for e in sc.edits))
    if q.evidence:
        out.append("- **Evidence:**")
        for e in q.evidence:
            label = e.title or e.location
            line = f"  - {_link(label, e.link)}"
            if e.title:
                line += f" — `{e.location.replace('`', '')}`"
            extras = [x for x in (f"consulted {e.accessed}" if e.accessed else "",
                                  f"added by {md(e.added_by)}" if e.added_by else "") if x]
            if extras:
                line += f" ({', '.join(extras)})"
            out.append(line)
            if e.excerpt:
                out += _quoted_block(e.excerpt, "    ")
            if e.note:
                out.append(f"    {md(' '.join(e.note.split()))}")
    else:
        out.append("- **Evidence:** none")
    if q.confirmations:
        out.append("- **Confirmed:** " + "; ".join(
            f"{c.what} by {md(c.by)}" + (f", {when(c.at)}" if c.at else "") for c in q.confirmations))
    else:
        out.append("- **Confirmed:** nothing yet (proposed by the detector)")
    out.append(f"- **Review:** {q.review_state_label}")
    for r in q.reviews:
        line = f"  - {r.verdict_label} by {md(r.reviewer)}, {when(r.at)}"
        if r.comment:
            line += f": {md(' '.join(r.comment.split()))}"
        out.append(line)
        if r.answer:
            out.append(f"    - Answer{' by ' + md(r.answered_by) if r.answered_by else ''}: "
                       f"{md(' '.join(r.answer.split()))}{' — resolved' if r.resolved else ''}")
    out.append("")
    return out


def _edit_md(e) -> str:
    """One word edit: added +words, dropped ~~words~~, changed ~~source~~ → **quote**, minor in italics."""
    match e.kind:
        case "added":
            return f"added **{md(e.quote_text)}**"
        case "dropped":
            return f"dropped ~~{md(e.source_text)}~~"
        case "changed":
            return f"~~{md(e.source_text)}~~ → **{md(e.quote_text)}**"
    return f"_{e.kind}: {md(e.source_text) or '·'} → {md(e.quote_text) or '·'}_"
