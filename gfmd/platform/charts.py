"""Charts as server-side SVG: no script, no network, readable without colour.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies); every chart has a <title> and <desc> for screen readers, and the page shows
the numbers as a table beside it. Labels are escaped; the SVG is safe to mark as such.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TRACK = "#e5e7eb"
TEXT = "#1f2937"


def _svg(width: int, height: int, title: str, desc: str, body: str) -> str:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gfmd-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>"
    )


def progress_bars(title: str, rows: list[tuple[str, int, int]], *, width: int = 420) -> str:
    """One bar per (label, done, total): done over total, with "done / total" written."""
    row_height, label_width = 26, 150
    bar_width = width - label_width - 70
    parts = []
    for i, (label, done, total) in enumerate(rows):
        y = i * row_height
        share = min(done / total, 1) if total else 0
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="12" fill="{TEXT}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 5}" width="{bar_width}" height="14" rx="3" '
            f'fill="{TRACK}"/>'
            f'<rect x="{label_width}" y="{y + 5}" width="{bar_width * share:.1f}" height="14" '
            f'rx="3" fill="{PALETTE[2] if done >= total else PALETTE[0]}"/>'
            f'<text x="{label_width + bar_width + 8}" y="{y + 16}" font-size="12" '
            f'fill="{TEXT}">{done} / {total}</text>'
        )
    desc = "; ".join(f"{label}: {done} of {total}" for label, done, total in rows)
    return _svg(width, max(len(rows), 1) * row_height, title, desc, "".join(parts))


def stacked_bars(
    title: str, categories: list[str], series: list[tuple[str, list[int]]], *, width: int = 460
) -> str:
    """Vertical stacked bars: one bar per category, one colour per series, with a legend."""
    height, top, bottom, left = 210, 38, 36, 30
    plot_height = height - top - bottom
    totals = [sum(values[i] for _name, values in series) for i in range(len(categories))]
    peak = max(totals + [1])
    slot = (width - left) / max(len(categories), 1)
    bar = min(slot * 0.6, 48)
    parts = []
    for s, (name, _values) in enumerate(series):  # legend
        x = left + s * 130
        colour = PALETTE[s % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="2" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="12" font-size="12" fill="{TEXT}">{escape(name)}</text>'
        )
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar) / 2
        y = top + plot_height
        for s, (_name, values) in enumerate(series):
            h = plot_height * values[i] / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(category)}: '
                f"{escape(_name)} {values[i]}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="11" text-anchor="middle" '
            f'fill="{TEXT}">{totals[i]}</text>'
            f'<text x="{x + bar / 2:.1f}" y="{height - 18}" font-size="11" '
            f'text-anchor="middle" fill="{TEXT}">{escape(category)}</text>'
        )
    desc = "; ".join(
        f"{category}: " + ", ".join(f"{name} {values[i]}" for name, values in series)
        for i, category in enumerate(categories)
    )
    return _svg(width, height, title, desc, "".join(parts))


def bars_with_targets(
    title: str, rows: list[tuple[str, int, int | None]], *, width: int = 420
) -> str:
    """Horizontal bars (label, count, target or None) with the target as a marker."""
    row_height, label_width = 26, 150
    bar_width = width - label_width - 70
    peak = max([1] + [max(count, target or 0) for _label, count, target in rows])
    parts = []
    for i, (label, count, target) in enumerate(rows):
        y = i * row_height
        short = target is not None and count < target
        colour = PALETTE[5] if short else PALETTE[0]
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="12" fill="{TEXT}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 5}" width="{bar_width * count / peak:.1f}" '
            f'height="14" rx="3" fill="{colour}"/>'
        )
        if target is not None:
            tx = label_width + bar_width * target / peak
            parts.append(
                f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y + 2}" y2="{y + 22}" '
                f'stroke="{TEXT}" stroke-width="2" stroke-dasharray="3 2"/>'
            )
        written = f"{count} / {target}" if target is not None else str(count)
        parts.append(
            f'<text x="{label_width + bar_width + 8}" y="{y + 16}" font-size="12" '
            f'fill="{TEXT}">{escape(written)}</text>'
        )
    desc = "; ".join(
        f"{label}: {count}" + (f" (minimum {target})" if target is not None else "")
        for label, count, target in rows
    )
    return _svg(width, max(len(rows), 1) * row_height, title, desc, "".join(parts))
