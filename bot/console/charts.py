"""Server-rendered SVG charts (no CDN, no script): cravings over time.

Every piece of text is XML-escaped; the chart is served as image/svg+xml and shown through
an <img>, where a browser never runs script anyway. Axis text is 14 px; strong cravings
(7+) are a larger diamond above a dashed "strong" line, not only a colour; points sit
inside the plot, never on its edge, and the latest value is written beside its point.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from bot.store.timeline import CheckInItem

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 36, 40, 40
INSET = 18  # px between the plot's edge and the first or last possible point
STRONG = 7
INK, GRID, LINE, DOT, HIGH = "#334155", "#e2e8f0", "#0f766e", "#0f766e", "#b91c1c"


def _x(at: datetime, start: datetime, end: datetime) -> float:
    span = max((end - start).total_seconds(), 1.0)
    inner = WIDTH - LEFT - RIGHT - 2 * INSET
    return LEFT + INSET + inner * (at - start).total_seconds() / span


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 10)


def _marker(x: float, y: float, value: float, label: str) -> str:
    if value >= STRONG:
        r = 7
        shape = (f'<path d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y:.1f} L{x:.1f},{y + r:.1f} '
                 f'L{x - r:.1f},{y:.1f} Z" fill="{HIGH}" stroke="#ffffff" stroke-width="1.5">')
        return f"{shape}<title>{label} (strong)</title></path>"
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{DOT}" stroke="#ffffff" '
            f'stroke-width="1.5"><title>{label}</title></circle>')


def _legend() -> list[str]:
    y = 20
    return [f'<circle cx="{LEFT + 6}" cy="{y - 5}" r="4.5" fill="{DOT}"/>',
            f'<text x="{LEFT + 16}" y="{y}" fill="{INK}">craving (0-10)</text>',
            f'<path d="M{LEFT + 146},{y - 12} L{LEFT + 153},{y - 5} L{LEFT + 146},{y + 2} '
            f'L{LEFT + 139},{y - 5} Z" fill="{HIGH}"/>',
            f'<text x="{LEFT + 160}" y="{y}" fill="{INK}">strong craving ({STRONG}+)</text>']


def craving_chart(checkins: list[CheckInItem], now: datetime, days: int) -> str:
    """Craving intensity (0-10) for the last `days` days."""
    start = now - timedelta(days=days)
    points = [(c.at, float(c.intensity)) for c in checkins
              if c.intensity is not None and start <= c.at <= now]
    strong = sum(1 for _, v in points if v >= STRONG)
    title = (f"Craving intensity, last {days} days ({len(points)} check-ins, "
             f"{strong} strong)")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
             'font-family="system-ui, sans-serif" font-size="14">',
             f"<title>{escape(title)}</title>",
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>', *_legend()]
    for level in range(0, 11, 2):
        y = _y(level)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID}"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 5:.1f}" text-anchor="end" '
                     f'fill="{INK}">{level}</text>')
    ys = _y(STRONG)
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ys:.1f}" y2="{ys:.1f}" '
                 f'stroke="{HIGH}" stroke-dasharray="6 4"/>')
    parts.append(f'<text x="{WIDTH - RIGHT}" y="{ys - 6:.1f}" text-anchor="end" '
                 f'fill="{HIGH}">strong</text>')
    for i in range(0, days + 1, max(1, days // 5)):
        day = start + timedelta(days=i)
        x = _x(day, start, now)
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                     f'fill="{INK}">{escape(day.strftime("%b %d"))}</text>')
    if not points:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" '
                     f'fill="{INK}" font-size="16">No craving check-ins in the last '
                     f'{days} days</text>')
    else:
        coords = [(_x(at, start, now), _y(v), v, at) for at, v in points]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" '
                         'stroke-width="2" stroke-linejoin="round"/>')
        for x, y, v, at in coords:
            parts.append(_marker(x, y, v, escape(f"{at:%b %d %H:%M} UTC: {v:g}/10")))
        x, y, v, _ = coords[-1]
        parts.append(f'<text x="{x - 10:.1f}" y="{y - 12:.1f}" text-anchor="end" '
                     f'fill="{INK}" font-weight="600">{v:g}/10</text>')
    parts.append("</svg>")
    return "".join(parts)
