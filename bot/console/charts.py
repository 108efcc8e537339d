"""Server-rendered SVG charts (no CDN, no script): cravings over time.

Every piece of text is XML-escaped; the chart is served as image/svg+xml and shown through
an <img>, where a browser never runs script anyway.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from bot.store.timeline import CheckInItem

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 28, 16, 32
INK, GRID, LINE, DOT, HIGH = "#334155", "#e2e8f0", "#0f766e", "#0f766e", "#b91c1c"


def _x(at: datetime, start: datetime, end: datetime) -> float:
    span = max((end - start).total_seconds(), 1.0)
    return LEFT + (WIDTH - LEFT - RIGHT) * (at - start).total_seconds() / span


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 10)


def craving_chart(checkins: list[CheckInItem], now: datetime, days: int) -> str:
    """Craving intensity (0-10) for the last `days` days; strong cravings (7+) in red."""
    start = now - timedelta(days=days)
    points = [(c.at, float(c.intensity)) for c in checkins
              if c.intensity is not None and start <= c.at <= now]
    title = f"Craving intensity, last {days} days ({len(points)} check-ins)"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
             'font-family="system-ui, sans-serif" font-size="11">',
             f"<title>{escape(title)}</title>",
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>']
    for level in range(0, 11, 2):
        y = _y(level)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID}"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" '
                     f'fill="{INK}">{level}</text>')
    for i in range(0, days + 1, max(1, days // 6)):
        day = start + timedelta(days=i)
        x = _x(day, start, now)
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 10}" text-anchor="middle" '
                     f'fill="{INK}">{escape(day.strftime("%b %d"))}</text>')
    if not points:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" '
                     f'fill="{INK}" font-size="14">No craving check-ins in the last '
                     f'{days} days</text>')
    else:
        coords = [(_x(at, start, now), _y(v), v, at) for at, v in points]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" '
                     'stroke-width="2" stroke-linejoin="round"/>')
        for x, y, v, at in coords:
            label = escape(f"{at:%b %d %H:%M} UTC: {v:g}/10")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" '
                         f'fill="{HIGH if v >= 7 else DOT}"><title>{label}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)
