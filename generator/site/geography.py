"""Province outlines from @svg-maps/thailand (CC BY 4.0), joined to our provinces."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache

from generator.load import reference
from generator.model import Province

SOURCE = reference.DATA / "svg-maps-thailand" / "thailand.svg"
SVG = "{http://www.w3.org/2000/svg}"
ATTRIBUTION = ("@svg-maps/thailand 2.0.0 by Tae Noppakun Wongsrinoppakun",
               "https://creativecommons.org/licenses/by/4.0/")


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
            outlines.append(Outline(province, element.get("d", "")))
    return ThailandMap(root.get("viewBox", ""), tuple(outlines), tuple(unjoined))
