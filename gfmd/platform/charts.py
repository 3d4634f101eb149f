"""Charts as server-side SVG: no internet, no script, a text table behind each chart.

Stacked bars (one bar per category, e.g. per edition) and progress bars. Every text is
escaped (format_html); colours come from the Okabe-Ito palette, which stays distinct for
the common colour-vision deficiencies. Labels arrive translated from the caller.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _slug(text: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in str(text).lower())[:40]
