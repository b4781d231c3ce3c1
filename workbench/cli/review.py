"""The review subcommands: review, signoff, reviews, answer (see docs/review.md).

Writing commands take the project's writer lock for the moment they write, like `set`;
a file open in a window for writing is refused with ProjectLocked. Every refusal happens
before anything is written, so a refused command leaves the file byte for byte as it was.
"""

from __future__ import annotations

import argparse
from typing import Any

from workbench.cli.common import command, default_analyst, emit_json, readable_project, shorten, writable_project
from workbench.domain.errors import UserFacingError
from workbench.domain.model import QuoteReview, SignOff, SignOffDecision
from workbench.services.review import ReviewService, ReviewState


def review_as_json(review: QuoteReview) -> dict[str, Any]:
    return {
        "id": review.id,
        "quote": review.quote_id,
        "reviewer": review.reviewer,
        "verdict": review.verdict.value,
        "comment": review.comment,
        "at": review.at,
        "answer": review.answer or None,
        "answered_by": review.answered_by,
        "answered_at": review.answered_at,
        "resolved": review.resolved,
    }


def signoff_as_json(signoff: SignOff, current: bool) -> dict[str, Any]:
    return {"id": signoff.id, "reviewer": signoff.reviewer, "decision": signoff.decision.value,
            "comment": signoff.comment, "at": signoff.at, "fingerprint": signoff.fingerprint, "current": current}


def _name(value: str | None, option: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise UserFacingError(f"Give your name with {option}; review records carry it.")
    return value


# --- review ---------------------------------------------------------------------------------------------


def _configure_review(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("quote_id", type=int)
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true", help="approve the quote")
    verdict.add_argument("--query", metavar="COMMENT", help="query the quote: what should the analyst check")
    p.add_argument("--reviewer", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true")


@command("review", "approve or query one quote of a colleague's project", _configure_review)
def cmd_review(args: argparse.Namespace) -> int:
    reviewer = _name(args.reviewer, "--reviewer")
    with writable_project(args.project, reviewer) as project:
        service = ReviewService(project.store, reviewer)
        if args.approve:
            edit = service.approve_edit(args.quote_id)
        else:
            edit = service.query_edit(args.quote_id, args.query)
        if edit is not None:
            service.apply(edit)
        summary = service.summary(args.quote_id)
    if args.json:
        emit_json({"quote": args.quote_id, "state": summary.state.value,
                   "review": review_as_json(summary.latest) if summary.latest else None})
    elif edit is None:
        print(f"quote {args.quote_id}: already approved by {summary.latest.reviewer}; nothing changed")
    elif args.approve:
        print(f"quote {args.quote_id}: approved by {reviewer} (review {summary.latest.id})")
    else:
        print(f"quote {args.quote_id}: queried by {reviewer} (review {summary.latest.id}): {summary.latest.comment}")
    return 0


# --- signoff --------------------------------------------------------------------------------------------


def _configure_signoff(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    decision = p.add_mutually_exclusive_group(required=True)
    decision.add_argument("--approved", action="store_const", dest="decision", const=SignOffDecision.APPROVED)
    decision.add_argument("--changes-requested", action="store_const", dest="decision",
                          const=SignOffDecision.CHANGES_REQUESTED)
    p.add_argument("--comment", default="")
    p.add_argument("--reviewer", required=True, metavar="NAME")
    p.add_argument("--json", action="store_true")


@command("signoff", "sign off on a colleague's project: approved, or changes requested", _configure_signoff)
def cmd_signoff(args: argparse.Namespace) -> int:
    reviewer = _name(args.reviewer, "--reviewer")
    with writable_project(args.project, reviewer) as project:
        service = ReviewService(project.store, reviewer)
        service.apply(service.signoff_edit(args.decision, args.comment))
        summary = service.signoff_summary()
    if args.json:
        emit_json(signoff_as_json(summary.signoff, summary.current))
    else:
        words = "approved" if args.decision is SignOffDecision.APPROVED else "changes requested"
        print(f"signed off: {words} by {reviewer} (annotations fingerprint {summary.signoff.fingerprint[:12]})")
    return 0


# --- reviews --------------------------------------------------------------------------------------------


def _configure_reviews(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--json", action="store_true")


@command("reviews", "list the review state of every quote and the sign-off", _configure_reviews)
def cmd_reviews(args: argparse.Namespace) -> int:
    with readable_project(args.project) as store:
        service = ReviewService(store, "")
        service.require_quotes()
        quotes = store.quotes()
        summaries = service.summaries()
        signoff = service.signoff_summary()
    counts = {state: 0 for state in ReviewState}
    for summary in summaries.values():
        counts[summary.state] += 1
    if args.json:
        emit_json({
            "quotes": [{"id": q.id, "article": q.article_id, "text": q.text,
                        "state": summaries[q.id].state.value,
                        "reviews": [review_as_json(r) for r in summaries[q.id].history]} for q in quotes],
            "counts": {state.value: n for state, n in counts.items()},
            "signoff": signoff_as_json(signoff.signoff, signoff.current) if signoff else None,
        })
        return 0
    print(f"{'quote':>5}  {'state':<13} {'review':>6}  {'reviewer':<16} {'comment → answer':<44} quote")
    for q in quotes:
        summary = summaries[q.id]
        latest = summary.latest
        remark = ""
        if latest is not None and latest.comment:
            remark = latest.comment + (f" → {latest.answered_by}: {latest.answer}" if latest.answer else "")
        print(f"{q.id:>5}  {summary.state.value:<13} {latest.id if latest else '—':>6}  "
              f"{shorten(latest.reviewer if latest else '—', 16):<16} {shorten(remark or '—', 44):<44} "
              f"{shorten(q.text, 50)}")
    print(", ".join(f"{n} {state.value.replace('_', ' ')}" for state, n in counts.items() if n))
    if signoff is None:
        print("sign-off: none yet")
    else:
        s = signoff.signoff
        words = "approved" if s.decision is SignOffDecision.APPROVED else "changes requested"
        freshness = "current" if signoff.current else "OUT OF DATE (the annotations changed after it)"
        comment = f" — {s.comment}" if s.comment else ""
        print(f"sign-off: {words} by {s.reviewer} at {s.at}{comment}; {freshness}")
    return 0


# --- answer ---------------------------------------------------------------------------------------------


def _configure_answer(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("review_id", type=int)
    p.add_argument("--answer", default="", metavar="TEXT")
    p.add_argument("--resolve", action="store_true", help="mark the query resolved")
    p.add_argument("--analyst", default=None, metavar="NAME")
    p.add_argument("--json", action="store_true")


@command("answer", "answer a reviewer's query and optionally mark it resolved", _configure_answer)
def cmd_answer(args: argparse.Namespace) -> int:
    analyst = _name(args.analyst or default_analyst(), "--analyst")
    with writable_project(args.project, analyst) as project:
        service = ReviewService(project.store, analyst)
        service.require_quotes()
        service.apply(service.answer_edit(args.review_id, args.answer, resolve=args.resolve))
        review = next(r for r in service.queries() if r.id == args.review_id)
    if args.json:
        emit_json(review_as_json(review))
    else:
        done = [w for w, on in (("answered", bool(args.answer.strip())), ("resolved", args.resolve)) if on]
        print(f"review {review.id} (quote {review.quote_id}): {' and '.join(done)} by {analyst}")
    return 0
