"""The map under the events: Web Mercator views, Natural Earth country outlines shipped with the
package (no network needed), and optional raster tiles (e.g. OpenStreetMap) when online.

The outlines are Natural Earth's 1:50m Admin 0 countries (public domain) as redistributed in the
npm package ``world-atlas`` 2.0.2 (TopoJSON, with its 1:110m version for wide views; ``scripts/vendor_basemap.sh`` fetches it again). They
are drawn server-side as SVG paths, so the page needs no script and loads nothing from elsewhere.

Coordinates are "world units": Web Mercator scaled so that the whole world is the unit square,
x growing east from the antimeridian and y growing south from 85.05° N — the same units as map
tiles, so tiles and outlines line up.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
# Views wider than this (in world units; 0.15 is 54 degrees) use the 1:110m outlines: the 1:50m
# detail is invisible there and would make a world view's page about 0.5 MB instead of ~0.1 MB.
COARSE_SPAN = 0.15
WIDTH, HEIGHT = 720, 360  # the SVG's view box
# The view fits the events shown but is never narrower than this many degrees of longitude, so a
# single town's events still show the region around them.
MIN_SPAN_DEG = 4.0
# Mercator is undefined at the poles; tiles stop at this latitude.
MAX_LAT = 85.05112878
# Outline points closer than this many pixels to the previous point are dropped: invisible at the
# view's scale, and it keeps a world view's page small.
MIN_STEP_PX = 0.7


def world_x(lon: float) -> float:
    return (lon + 180.0) / 360.0


def world_y(lat: float) -> float:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    rad = math.radians(lat)
    return (1.0 - math.log(math.tan(math.pi / 4 + rad / 2)) / math.pi) / 2.0


def lat_of(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y))))


@dataclass(frozen=True, slots=True)
class View:
    """A rectangle of the world in world units, drawn WIDTH x HEIGHT pixels."""

    west: float  # world x of the left edge
    north: float  # world y of the top edge
    span: float  # world units across

    @property
    def scale(self) -> float:
        return WIDTH / self.span

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (round((world_x(lon) - self.west) * self.scale, 1), round((world_y(lat) - self.north) * self.scale, 1))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """west, south, east, north in degrees."""
        east, south = self.west + self.span, self.north + self.span * HEIGHT / WIDTH
        return (self.west * 360 - 180, lat_of(min(south, 1.0)), east * 360 - 180, lat_of(max(self.north, 0.0)))


def fit(points: list[tuple[float, float]]) -> View:
    """The view that shows every (lon, lat) point with a margin."""
    if not points:
        return View(0.0, 0.0, 1.0)
    xs = [world_x(lon) for lon, _ in points]
    ys = [world_y(lat) for _, lat in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    span = max(MIN_SPAN_DEG / 360, (max(xs) - min(xs)) * 1.2, (max(ys) - min(ys)) * 1.2 * WIDTH / HEIGHT)
    span = min(span, 1.0)
    return View(cx - span / 2, cy - span * HEIGHT / WIDTH / 2, span)


@lru_cache(maxsize=2)
def countries(scale: str = "50m") -> tuple[tuple[str, tuple[float, float, float, float], tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """Each country at Natural Earth's 1:50m or 1:110m scale: name, bounding box in world
    units, rings of world-unit points."""
    topo = json.loads((DATA / f"countries-{scale}.json").read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantised and delta-encoded positions
        qx = qy = 0
        points = []
        for dx, dy in arc:
            qx, qy = qx + dx, qy + dy
            points.append((world_x(qx * sx + tx), world_y(qy * sy + ty)))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[tuple[float, float], ...]:
        points: list[tuple[float, float]] = []
        for i in indexes:  # a negative index is the arc ~i walked backwards
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc[1:] if points else arc)
        return tuple(points)

    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"]) or []
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        if not rings:
            continue
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        out.append(((geometry.get("properties") or {}).get("name", ""), (min(xs), min(ys), max(xs), max(ys)), rings))
    return tuple(out)


@lru_cache(maxsize=64)
def outlines(view: View) -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) for the countries the view shows."""
    east, south = view.west + view.span, view.north + view.span * HEIGHT / WIDTH
    scale = view.scale
    out = []
    for name, (x0, y0, x1, y1), rings in countries("110m" if view.span > COARSE_SPAN else "50m"):
        if x1 < view.west or x0 > east or y1 < view.north or y0 > south:
            continue
        parts = []
        for r in rings:
            last = None
            cmds = []
            for x, y in r:
                px, py = (x - view.west) * scale, (y - view.north) * scale
                if last and abs(px - last[0]) < MIN_STEP_PX and abs(py - last[1]) < MIN_STEP_PX:
                    continue
                cmds.append(f"{px:.1f},{py:.1f}")
                last = (px, py)
            if len(cmds) >= 3:
                parts.append("M" + "L".join(cmds) + "Z")
        if parts:
            out.append((name, "".join(parts)))
    return tuple(out)


def graticule(view: View) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """Meridians and parallels to label: (degrees, pixel x) and (degrees, pixel y)."""
    west, south, east, north = view.bounds
    step = next(s for s in (1, 2, 5, 10, 20, 30, 60) if (east - west) / s <= 12)
    lons = [(v, view.xy(v, 0)[0]) for v in range(int(west // step * step), int(east) + step, step) if west <= v <= east]
    lats = [(v, view.xy(0, v)[1]) for v in range(int(south // step * step), int(north) + step, step) if south <= v <= north]
    return lons, lats


def tiles(view: View, template: str) -> list[dict]:
    """Raster tiles covering the view, for a URL template with {z}, {x} and {y}: each with its
    pixel position and size. The zoom makes one tile pixel about one view pixel."""
    z = max(0, min(18, round(math.log2(WIDTH / (256 * view.span)))))
    n = 2 ** z
    east, south = view.west + view.span, view.north + view.span * HEIGHT / WIDTH
    size = view.scale / n
    out = []
    for tx in range(max(0, math.floor(view.west * n)), min(n - 1, math.floor(east * n)) + 1):
        for ty in range(max(0, math.floor(view.north * n)), min(n - 1, math.floor(south * n)) + 1):
            out.append({"href": template.replace("{z}", str(z)).replace("{x}", str(tx)).replace("{y}", str(ty)),
                        "x": round((tx / n - view.west) * view.scale, 1), "y": round((ty / n - view.north) * view.scale, 1),
                        "size": round(size + 0.5, 1)})
    return out
