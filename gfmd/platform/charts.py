"""Charts as server-side SVG: no internet, no script, a text table behind each chart.

Stacked bars (one bar per category, e.g. per edition), progress bars (one or a list) and
bars against targets (the dashboard's selection minimums). Every text is
escaped (format_html); colours come from the Okabe-Ito palette, which stays distinct for
the common colour-vision deficiencies. Labels arrive translated from the caller.
"""

from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Okabe & Ito (2008), colour-blind safe; black is left for text.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]


def stacked_bars(
    title: str,
    categories: list[str],
    series: list[Series],
    *,
    width: int = 640,
    bar_height: int = 22,
) -> SafeString:
    """Horizontal stacked bars, one per category, with a legend and the table behind it."""
    label_w, gap, legend_h = 110, 6, 24
    plot_w = width - label_w - 60
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    scale = plot_w / max([*totals, 1])
    height = legend_h + len(categories) * (bar_height + gap) + 4
    bars = []
    for row, category in enumerate(categories):
        y = legend_h + row * (bar_height + gap)
        bars.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                label_w - 6,
                y + bar_height * 0.7,
                category,
            )
        )
        x = label_w
        for index, one in enumerate(series):
            value = one.values[row]
            w = value * scale
            if w > 0:
                bars.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                        "<title>{}: {}</title></rect>",
                        f"{x:.1f}",
                        y,
                        f"{w:.1f}",
                        bar_height,
                        PALETTE[index % len(PALETTE)],
                        one.label,
                        _number(value),
                    )
                )
            x += w
        bars.append(
            format_html(
                '<text x="{}" y="{}">{}</text>',
                f"{x + 4:.1f}",
                y + bar_height * 0.7,
                _number(totals[row]),
            )
        )
    legend = format_html_join(
        "",
        '<rect x="{}" y="4" width="12" height="12" fill="{}"></rect><text x="{}" y="14">{}</text>',
        (
            (label_w + i * 150, PALETTE[i % len(PALETTE)], label_w + i * 150 + 16, s.label)
            for i, s in enumerate(series)
        ),
    )
    svg = format_html(
        '<svg class="gfmd-chart" role="img" aria-labelledby="{id}-t" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-t">{title}</title>{legend}{bars}</svg>',
        id=_slug(title),
        w=width,
        h=height,
        title=title,
        legend=legend,
        bars=format_html_join("", "{}", ((b,) for b in bars)),
    )
    return format_html("<figure>{}{}</figure>", svg, data_table(title, categories, series))


def data_table(title: str, categories: list[str], series: list[Series]) -> SafeString:
    """The numbers behind a chart, as an ordinary table (screen readers, copying)."""
    head = format_html_join("", "<th scope='col'>{}</th>", ((s.label,) for s in series))
    rows = format_html_join(
        "",
        "<tr><th scope='row'>{}</th>{}</tr>",
        (
            (
                category,
                format_html_join("", "<td>{}</td>", ((_number(s.values[i]),) for s in series)),
            )
            for i, category in enumerate(categories)
        ),
    )
    return format_html(
        '<div class="gfmd-scroll"><table class="gfmd-chart-data"><caption>{}</caption>'
        "<thead><tr><th></th>{}</tr></thead><tbody>{}</tbody></table></div>",
        title,
        head,
        rows,
    )


def progress_bar(label: str, value: float, total: float, *, width: int = 240) -> SafeString:
    """One bar filled to value/total, with "value / total" beside it (and as its title)."""
    share = 0 if not total else max(0.0, min(1.0, value / total))
    return format_html(
        '<svg class="gfmd-chart" role="img" aria-label="{label}: {v} / {t}" width="{w}" '
        'height="16" viewBox="0 0 {w} 16" xmlns="http://www.w3.org/2000/svg">'
        '<rect width="{bw}" height="14" y="1" fill="#ddd"></rect>'
        '<rect width="{fw}" height="14" y="1" fill="{c}"></rect>'
        '<text x="{tx}" y="12">{v} / {t}</text></svg>',
        label=label,
        v=_number(value),
        t=_number(total),
        w=width,
        bw=width - 70,
        fw=f"{(width - 70) * share:.1f}",
        c=PALETTE[0],
        tx=width - 66,
    )


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


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _slug(text: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in str(text).lower())[:40]
