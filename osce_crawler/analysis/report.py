"""``osce-archive report``: one self-contained HTML page about the archive and its runs.

No scripts, no web fonts, no external files: the charts are inline SVG, the style is
inline CSS with the system font stack, so the page opens offline and can be mailed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from osce_crawler.analysis.stats import compute_stats
from osce_crawler.archive.reader import Archive

COVERAGE_FIELDS = ("title", "published", "body", "place", "content_type", "sources",
                   "fields_of_work", "lead", "dateline", "quotes", "speakers", "translations",
                   "attachments", "modified")  # fmt: skip
RUNS_SHOWN = 10
BAR = "#3465a4"
WARN = "#c4432b"

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:1100px;color:#222;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;
border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#666;margin-top:0}.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;font-size:.9rem;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
.success{color:#2a7d2a;font-weight:600}.errors,.killed,.interrupted{color:#c4432b;font-weight:600}
svg text{font-family:inherit;font-size:11px;fill:#333}.small{color:#666;font-size:.85rem}
"""


def _hbar_chart(counts: dict[str, float], title: str, percent: bool = False,
                marks: dict[str, float] | None = None, limit: int = 15) -> str:  # fmt: skip
    """Horizontal bars, one per label; ``marks`` draws a threshold tick on a bar."""
    rows = list(counts.items())[:limit]
    if not rows:
        return f"<p class=small>{escape(title)}: nothing to show</p>"
    label_width, bar_width, height = 300, 560, 20
    top = max(value for _, value in rows) or 1
    scale = 1.0 if percent else top
    svg = [
        f'<svg role="img" aria-label="{escape(title)}" width="{label_width + bar_width + 80}" '
        f'height="{height * len(rows) + 10}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, (label, value) in enumerate(rows):
        y = n * height + 5
        width = bar_width * value / scale
        short = label if len(label) <= 48 else label[:46] + "…"
        shown = f"{value:.1%}" if percent else f"{value:g}"
        need = (marks or {}).get(label)
        colour = WARN if need is not None and value < need else BAR
        svg.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="{height - 6}" '
            f'fill="{colour}"><title>{escape(label)}: {shown}</title></rect>'
            f'<text x="{label_width + width + 4:.1f}" y="{y + 14}">{shown}</text>'
        )
        if need is not None:
            x = label_width + bar_width * need
            svg.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + height}" stroke="#000" '
                f'stroke-dasharray="2,2"><title>threshold {need:.0%}</title></line>'
            )
    svg.append("</svg>")
    more = f"<p class=small>and {len(counts) - limit} more</p>" if len(counts) > limit else ""
    return "".join(svg) + more


def _months_chart(by_month: dict[str, int]) -> str:
    """Columns per month from the first to the last dated month (empty months included)."""
    dated = {m: c for m, c in by_month.items() if m[:4].isdigit() and len(m) == 7}
    if not dated:
        return "<p class=small>no dated items</p>"
    first, last = min(dated), max(dated)
    months = []
    year, month = int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    width, height, left, bottom = 1000, 220, 40, 30
    step = (width - left) / len(months)
    top = max(dated.values())
    parts = [
        f'<svg role="img" aria-label="items per month" width="{width + 10}" '
        f'height="{height + bottom}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" x2="{width}" y1="{height}" y2="{height}" stroke="#999"/>',
        f'<text x="{left - 4}" y="12" text-anchor="end">{top}</text>',
        f'<text x="{left - 4}" y="{height}" text-anchor="end">0</text>',
    ]
    years_apart = max(1, (int(last[:4]) - int(first[:4])) // 12)
    for n, name in enumerate(months):
        count = dated.get(name, 0)
        x = left + n * step
        bar = (height - 10) * count / top
        if count:
            parts.append(
                f'<rect x="{x:.2f}" y="{height - bar:.2f}" width="{max(step - 1, 1):.2f}" '
                f'height="{bar:.2f}" fill="{BAR}"><title>{name}: {count}</title></rect>'
            )
        if len(months) <= 24:
            label = name
        elif name.endswith("-01") and (int(name[:4]) - int(first[:4])) % years_apart == 0:
            label = name[:4]
        else:
            continue
        parts.append(f'<text x="{x:.1f}" y="{height + 16}">{label}</text>')
    parts.append("</svg>")
    undated = sum(c for m, c in by_month.items() if m not in dated)
    note = f"<p class=small>{undated} undated items not shown</p>" if undated else ""
    return "".join(parts) + note


def _runs_table(runs: list[dict[str, Any]]) -> str:
    if not runs:
        return "<p class=small>no run manifests in runs/</p>"
    head = (
        "<tr><th>run</th><th>started</th><th>duration</th><th>verdict</th><th>items new / "
        "updated / unchanged / removed / quarantined</th><th>errors</th><th>monitors</th></tr>"
    )
    rows = []
    for run in reversed(runs[-RUNS_SHOWN:]):
        items = run.get("items") or {}
        errors = run.get("errors") or {}
        shown_errors = (
            "<br>".join(f"{escape(kind)}: {info.get('count', 0)}" for kind, info in errors.items())
            or "none"
        )
        monitors = run.get("monitors") or {}
        results = monitors.get("results") or {}
        shown_monitors = "<br>".join(
            f"{escape(name)}: {escape(str(r.get('status')))}"
            + (
                f" <span class=small>({escape(str(r.get('detail')))})</span>"
                if r.get("status") not in ("OK",)
                else ""
            )  # fmt: skip
            for name, r in results.items()
        ) or escape(monitors.get("error", "-"))
        verdict = str(run.get("verdict", "?"))
        rows.append(
            f"<tr><td>{escape(str(run.get('run_id', '?')))}</td>"
            f"<td>{escape(str(run.get('started', '')))}</td>"
            f"<td>{run.get('duration_seconds', 0):.0f} s</td>"
            f"<td class='{escape(verdict)}'>{escape(verdict)} (exit {run.get('exit_code')})</td>"
            f"<td>{items.get('new', 0)} / {items.get('updated', 0)} / "
            f"{items.get('unchanged', 0)} / {items.get('removed', 0)} / "
            f"{items.get('quarantined', 0)}</td><td>{shown_errors}</td>"
            f"<td>{shown_monitors}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def render_report(archive: Archive) -> str:
    """The page, as one string of HTML."""
    stats = compute_stats(archive)
    runs = archive.runs()
    latest_run = runs[-1] if runs else {}
    thresholds = ((latest_run.get("monitors") or {}).get("thresholds") or {}).get(
        "field_coverage", {"title": 0.99, "published": 0.99, "body": 0.99, "place": 0.90}
    )
    coverage = {
        key: stats["field_coverage"][key] or 0.0
        for key in COVERAGE_FIELDS
        if key in stats["field_coverage"]
    }
    q = stats["quotes"]
    cards = [
        ("items", stats["items"]),
        ("removed from the site", stats["removed"]),
        ("versions (lines)", stats["lines"]),
        ("languages", len(stats["by_language"])),
        ("quotes", q["quotes"]),
        ("speakers", q["speakers"]),
        ("runs", stats["runs"]),
        ("last verdict", latest_run.get("verdict", "-")),
    ]
    generated = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    speakers = "".join(
        f"<tr><td>{escape(s['name'])}</td><td>{s['quotes']}</td><td>{s['items']}</td></tr>"
        for s in stats["top_speakers"]
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>osce-archive report</title><style>{STYLE}</style></head>
<body>
<h1>osce-archive report</h1>
<p class="meta">{escape(str(archive.root))} · generated {generated}</p>
<div class="cards">{"".join(f'<div class="card"><b>{escape(str(v))}</b>{escape(k)}</div>' for k, v in cards)}</div>
<h2>Items per month</h2>
{_months_chart(stats["by_month"])}
<h2>Items per content type</h2>
{_hbar_chart(stats["by_content_type"], "items per content type")}
<h2>Items per field of work</h2>
{_hbar_chart(stats["by_field_of_work"], "items per field of work")}
<h2>Items per language</h2>
{_hbar_chart(stats["by_language"], "items per language")}
<h2>Field coverage</h2>
<p class="small">Share of items with the field filled in; dashed ticks are the monitors'
thresholds, bars under them are red.</p>
{_hbar_chart(coverage, "field coverage", percent=True, marks=thresholds, limit=len(coverage))}
<h2>Top speakers</h2>
<table><tr><th>speaker</th><th>quotes</th><th>items</th></tr>{speakers}</table>
<h2>Last runs</h2>
{_runs_table(runs)}
</body></html>
"""
