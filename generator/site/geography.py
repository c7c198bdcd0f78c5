"""Province outlines from @svg-maps/thailand (CC BY 4.0), joined to our provinces."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache

from generator.load import reference
from generator.model import Province

SOURCE = reference.DATA / "svg-maps-thailand" / "thailand.svg"
SVG = "{http://www.w3.org/2000/svg}"
ATTRIBUTION = ("@svg-maps/thailand 2.0.0 by Tae Noppakun Wongsrinoppakun",
               "https://creativecommons.org/licenses/by/4.0/")
# How far, in the map's units (560 across: about 0.8 px at its widest), a drawn border
# may stray from the source's before a point is dropped; then points are whole units.
# The source's 155 KB of outlines become 24 KB, and the stats page weighs under
# 60 KB (issue 27), with borders that still meet within a pixel.
TOLERANCE = 0.8
TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[mMlLzZ]")
Point = tuple[float, float]


@dataclass(frozen=True)
class Outline:
    province: Province
    path: str  # SVG path data


@dataclass(frozen=True)
class ThailandMap:
    view_box: str
    outlines: tuple[Outline, ...]
    unjoined: tuple[str, ...]  # labels that are not provinces (Lake Songkhla)


@cache
def thailand_map() -> ThailandMap:
    root = ET.parse(SOURCE).getroot()
    outlines, unjoined = [], []
    for element in root.iter(f"{SVG}path"):
        label = element.get("aria-label", "")
        province = reference.find_province(label)
        if province is None:
            unjoined.append(label)
        else:
            outlines.append(Outline(province, simplified(element.get("d", ""))))
    return ThailandMap(root.get("viewBox", ""), tuple(outlines), tuple(unjoined))


def simplified(path: str, tolerance: float = TOLERANCE) -> str:
    """Path data with fewer points (Douglas-Peucker), in whole units, each ring as
    absolute start and relative steps; a ring that shrinks below a triangle goes."""
    drawn = []
    for ring in _rings(path):
        points: list[tuple[int, int]] = []
        for x, y in _kept(ring, tolerance):
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(points) < 3:
            continue
        steps = "".join(f"{'' if n < 0 else ' '}{n}" for (x0, y0), (x1, y1)
                        in zip(points, points[1:], strict=False) for n in (x1 - x0, y1 - y0))
        drawn.append(f"M{points[0][0]} {points[0][1]}l{steps.lstrip()}z")
    return "".join(drawn)


def _rings(path: str) -> list[list[Point]]:
    """The closed rings of path data made of moves, lines and closes (the source's)."""
    rings: list[list[Point]] = []
    tokens = TOKEN.findall(path)
    x = y = 0.0
    start: Point = (0.0, 0.0)
    relative = True
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in "zZ":
            x, y = start  # a close returns to the ring's first point (SVG 1.1, 8.3.3)
            index += 1
            continue
        command = token if token.isalpha() else None
        if command:
            index += 1
            relative = command.islower()
        dx, dy = float(tokens[index]), float(tokens[index + 1])
        index += 2
        x, y = (x + dx, y + dy) if relative else (dx, dy)
        if command in ("m", "M"):
            start = (x, y)
            rings.append([])
        rings[-1].append((x, y))
    return rings


def _kept(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points a line within `tolerance` of the others needs."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        farthest, at = 0.0, None
        for index in range(first + 1, last):
            px, py = points[index]
            distance = (abs(dy * (px - ax) - dx * (py - ay)) / length if length
                        else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5)
            if distance > farthest:
                farthest, at = distance, index
        if at is not None and farthest > tolerance:
            keep.add(at)
            spans += [(first, at), (at, last)]
    return [point for index, point in enumerate(points) if index in keep]
