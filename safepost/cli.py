"""``safepost`` command line: check texts, score against labelled data.

Exit status of ``check``: 0 for pass, 1 for any other verdict, 2 for bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from safepost.detection.errors import SafePostError
from safepost.detection.inputs import decode_text
from safepost.detection.models import CheckResult
from safepost.detection.org import OrgProfile, load_org

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="SafePost: HIPAA checks for healthcare social media.",
)
err = Console(stderr=True)

_STYLES = {
    "patient": "bold white on red",
    "unknown": "bold white on red",
    "staff": "black on cyan",
    "organization": "black on green",
    "public": "black on grey70",
}
_VERDICT_STYLES = {
    "pass": "bold green",
    "authorize": "bold yellow",
    "revise": "bold red",
    "route": "bold yellow",
    "hide": "bold red",
}


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code=2)


def _read_input(source: str) -> str:
    if source == "-":
        return decode_text(sys.stdin.buffer.read(), what="standard input")
    path = Path(source)
    try:
        return decode_text(path.read_bytes(), what=str(path))
    except OSError as exc:
        raise SafePostError(f"cannot read {path}: {exc.strerror}") from None


def highlighted(result: CheckResult, text: str) -> Text:
    """The text with each finding's span coloured by whose it is (PHI in red)."""
    rich_text = Text(text)
    for f in sorted(result.findings, key=lambda f: f.end - f.start, reverse=True):
        rich_text.stylize(_STYLES.get(f.subject.value, "underline"), f.start, f.end)
    return rich_text


def _span_json(result: CheckResult) -> list[dict[str, Any]]:
    return [
        {"start": f.start, "end": f.end, "label": f.label, "subject": f.subject.value}
        for f in result.findings
        if f.is_phi
    ]


@app.command()
def check(
    source: Annotated[str, typer.Argument(help="file to check, or - for standard input")] = "-",
    kind: Annotated[str, typer.Option(help="post, reply, staff_personal, comment, review or dm")] = "post",
    author: Annotated[str | None, typer.Option(help="organization, staff or public (default: from kind)")] = None,
    context: Annotated[Path | None, typer.Option(help="file with the text being replied to")] = None,
    org: Annotated[Path | None, typer.Option(help="organization profile (YAML)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON")] = False,
    batch: Annotated[Path | None, typer.Option(help="JSON Lines file of records to check")] = None,
    out: Annotated[Path | None, typer.Option(help="with --batch: write results here instead of stdout")] = None,
) -> None:
    """Check a post, reply or comment for PHI and patient-status confirmation."""
    from safepost.verdict.check import check as run_check

    try:
        profile = load_org(org) if org else None
        if batch is not None:
            raise typer.Exit(_run_batch(batch, profile, out))
        text = _read_input(source)
        context_text = decode_text(context.read_bytes(), what=str(context)) if context else None
        result = run_check(text, kind=kind, author=author, context=context_text, org=profile)
    except SafePostError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot read input: {exc.strerror}") from None
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        _show(result, text)
    raise typer.Exit(0 if result.verdict.value == "pass" else 1)


def _show(result: CheckResult, text: str) -> None:
    console = Console()
    console.print(highlighted(result, text))
    console.print()
    verdict = result.verdict.value
    console.print(Text(f"Verdict: {verdict.upper()}", style=_VERDICT_STYLES.get(verdict, "bold")))
    for reason in result.reasons:
        console.print(f"  {reason}")
    if result.findings:
        table = Table(show_header=True, header_style="bold")
        for column in ("text", "label", "whose", "why", "rule"):
            table.add_column(column)
        for f in result.findings:
            table.add_row(f.text, f.label, f.subject.value, f.explanation, f.citation)
        console.print(table)
    if result.suggested_rewrite:
        console.print("[bold]Suggested safe version:[/]")
        console.print(f"  {result.suggested_rewrite}")


def _run_batch(path: Path, profile: OrgProfile | None, out: Path | None) -> int:
    from safepost.evaluation import read_jsonl
    from safepost.verdict.check import iter_check_batch

    records = read_jsonl(path)
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        with _progress() as progress:
            task = progress.add_task("checking", total=len(records))
            for record, result in zip(records, iter_check_batch(records, org=profile), strict=True):
                line = {
                    "id": record.get("id"),
                    "verdict": result.verdict.value,
                    "spans": _span_json(result),
                }
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")
                progress.advance(task)
    finally:
        if out:
            sink.close()
    return 0


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="labelled JSON Lines file (benchmark format)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
) -> None:
    """Score SafePost on a labelled file with the benchmark spec's metrics."""
    from safepost.evaluation import read_jsonl, score
    from safepost.verdict.check import iter_check_batch

    try:
        records = read_jsonl(gold)
        predictions = []
        with _progress() as progress:
            task = progress.add_task("scoring", total=len(records))
            for record, result in zip(records, iter_check_batch(records), strict=True):
                predictions.append(
                    {
                        "id": record.get("id"),
                        "verdict": result.verdict.value,
                        "spans": _span_json(result),
                    }
                )
                progress.advance(task)
    except SafePostError as exc:
        raise _fail(str(exc)) from None
    summary = score(records, predictions).summary()
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    table = Table(title=f"SafePost on {gold.name}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in (
        "span_recall",
        "span_precision",
        "violation_recall",
        "false_alarm_rate",
        "patient_status_recall",
    ):
        table.add_row(key.replace("_", " "), f"{summary[key]:.3f}")
    Console().print(table)
    labels = Table(title="recall by label")
    labels.add_column("label")
    labels.add_column("recall", justify="right")
    for label, value in summary["per_label_recall"].items():
        labels.add_row(label, f"{value:.3f}")
    Console().print(labels)


@app.command("check-image")
def check_image_command(
    source: Annotated[Path, typer.Argument(help="image file (JPEG, PNG, WebP, HEIC, GIF)")],
    out: Annotated[Path | None, typer.Option(help="where to write the clean copy")] = None,
    org: Annotated[Path | None, typer.Option(help="organization profile (YAML)")] = None,
    keep_faces: Annotated[bool, typer.Option(help="faces are covered by a valid authorization")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print findings as JSON")] = False,
) -> None:
    """Check a picture for metadata, text that identifies a patient and faces; write a clean copy."""
    from safepost.media import ImageError, check_image

    try:
        profile = load_org(org) if org else None
        result = check_image(source.read_bytes(), org=profile, keep_faces=keep_faces)
    except (ImageError, SafePostError) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot read {source}: {exc.strerror}") from None
    if out is not None:
        out.write_bytes(result.clean_image)
    findings = [
        {
            "kind": f.kind,
            "label": f.label,
            "reason": f.reason,
            "redacted": f.redacted,
            "box": [f.box.left, f.box.top, f.box.right, f.box.bottom] if f.box else None,
        }
        for f in result.findings
    ]
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "verdict": result.verdict.value,
                    "reasons": result.reasons,
                    "findings": findings,
                    "metadata": result.metadata,
                },
                indent=2,
                default=str,
            )
        )
    else:
        console = Console()
        console.print(
            Text(f"Verdict: {result.verdict.value.upper()}", style=_VERDICT_STYLES.get(result.verdict.value, "bold"))
        )
        for reason in result.reasons:
            console.print(f"  {reason}")
        for f in findings:
            console.print(f"  {f['kind']:9} {f['label']:12} {f['reason']} {f['box'] or ''}")
        if out is not None:
            console.print(f"clean copy: {out}")
    raise typer.Exit(0 if result.verdict.value == "pass" else 1)


db_app = typer.Typer(help="Database migrations.")
audit_app = typer.Typer(help="The tamper-evident audit trail.")
authz_app = typer.Typer(help="Patient authorizations.")
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(authz_app, name="authorizations")
media_app = typer.Typer(help="Pictures checked for posts.")
app.add_typer(media_app, name="media")


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the database (SQLite by default, SAFEPOST_DATABASE_URL for PostgreSQL)."""
    from safepost.records.migrate import upgrade

    upgrade(revision=revision)
    err.print("[green]database is at[/] " + revision)


@db_app.command("downgrade")
def db_downgrade(revision: str = "base") -> None:
    """Undo migrations down to REVISION (base: an empty database)."""
    from safepost.records.migrate import downgrade

    downgrade(revision=revision)
    err.print("[yellow]database is at[/] " + revision)


@audit_app.command("verify")
def audit_verify() -> None:
    """Prove the audit chain; name the first entry that was altered, removed or reordered."""
    from safepost.records import audit
    from safepost.records.db import session_factory, session_scope

    with session_scope(session_factory()) as session:
        report = audit.verify(session)
    if report.ok:
        Console().print(f"[bold green]audit chain intact[/]: {report.entries} entries")
        return
    Console().print(
        f"[bold red]audit chain broken at entry {report.first_bad_seq}[/] "
        f"(row id {report.first_bad_id}): {report.problem}"
    )
    raise typer.Exit(1)


@audit_app.command("export")
def audit_export(
    start: Annotated[str, typer.Option("--from", help="ISO date or time, inclusive")],
    end: Annotated[str, typer.Option("--to", help="ISO date or time, exclusive")],
    out: Annotated[Path, typer.Option(help="JSON file to write")] = Path("audit-export.json"),
) -> None:
    """Export the audit entries of a date range with a hash manifest, for an auditor."""
    from datetime import UTC, datetime

    from safepost.records import audit
    from safepost.records.db import session_factory, session_scope

    try:
        begin, finish = (datetime.fromisoformat(v).replace(tzinfo=UTC) for v in (start, end))
    except ValueError as exc:
        raise _fail(f"dates must be ISO 8601 (2026-01-31 or 2026-01-31T12:00): {exc}") from None
    with session_scope(session_factory()) as session:
        exported = audit.export(session, begin, finish)
    out.write_text(json.dumps(exported, indent=2, default=str), encoding="utf-8")
    manifest = exported["manifest"]
    Console().print(f"wrote {manifest['entries']} entries to {out} (sha256 {manifest['sha256']})")


@authz_app.command("sweep")
def authorizations_sweep() -> None:
    """Flag published posts whose authorization expired or was revoked (safe to repeat)."""
    from datetime import date

    from sqlalchemy import select

    from safepost.records.db import session_factory, session_scope
    from safepost.records.models import Organization
    from safepost.workflows.authorizations import sweep

    with session_scope(session_factory()) as session:
        flagged = [
            p
            for org in session.execute(select(Organization)).scalars()
            for p in sweep(session, org.id, date.today(), None)
        ]
    Console().print(f"flagged {len(flagged)} post(s): {flagged}")


@media_app.command("prune")
def media_prune(
    days: Annotated[int, typer.Option(min=1, help="remove unattached uploads older than this")] = 30,
) -> None:
    """Remove pictures that were uploaded but never attached to a post (safe to repeat)."""
    from datetime import timedelta

    from safepost.records.db import session_factory, session_scope
    from safepost.workflows.media import prune

    with session_scope(session_factory()) as session:
        removed = prune(session, timedelta(days=days))
    Console().print(f"removed {len(removed)} unattached picture(s) older than {days} days")


@app.command()
def demo() -> None:
    """Create the database if needed and seed the demo organization."""
    from safepost.records.db import session_factory, session_scope
    from safepost.records.migrate import upgrade
    from safepost.workflows.demo import DEMO_PASSWORD, seed

    upgrade()
    with session_scope(session_factory()) as session:
        secrets = seed(session)
    table = Table(title=f"Demo logins (password: {DEMO_PASSWORD}; reviewers scan a QR code at first sign-in)")
    table.add_column("email")
    table.add_column("TOTP secret (add to an authenticator app)")
    for email, secret in secrets.items():
        table.add_row(email, secret or "(no MFA for authors)")
    Console().print(table)


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    with_demo: Annotated[
        bool, typer.Option("--demo", help="seed the demo organization if the database is empty")
    ] = False,
) -> None:
    """Start the web app and the REST API (OpenAPI at /docs)."""
    import uvicorn
    from sqlalchemy import func, select

    from safepost.api.app import create_app
    from safepost.records.db import session_factory, session_scope
    from safepost.records.migrate import upgrade
    from safepost.records.models import Organization

    upgrade()
    if with_demo:
        with session_scope(session_factory()) as session:
            empty = session.execute(select(func.count(Organization.id))).scalar_one() == 0
        if empty:
            demo()
        else:
            err.print("[yellow]database already has organizations: demo not seeded again[/]")
    err.print(f"[bold green]SafePost is running:[/] http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
