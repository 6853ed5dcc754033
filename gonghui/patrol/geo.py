"""Distances on the earth (haversine), in metres: enough for checkpoints a few hundred metres
apart and for sorting routes by how far their start is."""

import math

EARTH_RADIUS_M = 6_371_000


def distance_m(lat1, lng1, lat2, lng2) -> int:
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lng2) - float(lng1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_M * math.asin(math.sqrt(a)))


def readable(metres: int) -> str:
    """ "350 米" or "3.2 公里"."""
    if metres < 1000:
        return f"{metres} 米"
    return f"{metres / 1000:.1f} 公里"


def sketch(points: list[tuple[float, float]], *, width=480, height=300, pad=24) -> list[tuple]:
    """Checkpoint positions (lat, lng) scaled into an SVG box (x, y), north up, the same
    scale on both axes (longitude shortened by the latitude's cosine)."""
    if not points:
        return []
    mean_lat = math.radians(sum(p[0] for p in points) / len(points))
    xs = [p[1] * math.cos(mean_lat) for p in points]
    ys = [p[0] for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1e-6
    scale = min(width - 2 * pad, height - 2 * pad) / span
    left = (width - (max(xs) - min(xs)) * scale) / 2
    top = (height - (max(ys) - min(ys)) * scale) / 2
    return [
        (round(left + (x - min(xs)) * scale, 1), round(top + (max(ys) - y) * scale, 1))
        for x, y in zip(xs, ys, strict=True)
    ]
