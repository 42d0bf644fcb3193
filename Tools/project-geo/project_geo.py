#!/usr/bin/env python3
"""Project SCB's municipal boundaries to SWEREF 99 TM for the reports' maps.

Reads the 290 municipalities of SCB's *Digitala gränser* as GeoJSON in WGS 84 (properties
`kommun_kod`, `kommun`), projects them once to SWEREF 99 TM (EPSG:3006) with pyproj,
says with shapely where they are not a valid coverage (a border that two neighbours do not
share exactly: in SCB's file, Håbo–Knivsta and Lekeberg–Örebro, narrow slivers along 5 to
15 km of border, drawn as given), optionally simplifies them *as a coverage*
(`shapely.coverage_simplify`, so that neighbours keep one shared border), rounds every
vertex to a grid of 100 m, and writes one line per municipality, sorted by code:

    <code> TAB <name> TAB <SVG path data> TAB <x y>

The path data is in units of 100 m with y pointing south (y = -northing), as SVG draws:
each ring is `M x y` (absolute) followed by `l dx dy ...` (relative) and `z`. The last
field is a point inside the municipality's largest part (shapely's `point_on_surface`),
where a map puts a mark. Equal input
gives byte-identical output; a vertex shared by two neighbours rounds to the same point in
both, so shared borders stay shared after rounding.

    python3 Tools/project-geo/project_geo.py ../shared/geo/kommuner.geojson \
        Sources/Reporting/Resources/kommuner.txt [--simplify METRES]

Needs pyproj and shapely 2.1 or later (PyPI).
"""

import argparse
import json
import sys

import pyproj
import shapely
from shapely.geometry import MultiPolygon, shape

GRID = 100.0  # metres per output unit


def rings(geometry):
    """The rings of a (multi)polygon, exterior first, in the input's order."""
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    for polygon in polygons:
        yield polygon.exterior.coords
        for interior in polygon.interiors:
            yield interior.coords


def path_data(geometry):
    parts = []
    for ring in rings(geometry):
        points = []
        for x, y in ring:
            p = (round(x / GRID), -round(y / GRID))
            if not points or points[-1] != p:
                points.append(p)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(set(points)) < 3:
            continue  # an islet smaller than the grid
        first = points[0]
        text = f"M{first[0]} {first[1]}l"
        steps = []
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            steps.append(f"{x1 - x0} {y1 - y0}")
        parts.append(text + " ".join(steps) + "z")
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="kommuner.geojson (WGS 84, SCB's Digitala gränser)")
    parser.add_argument("out", help="the file to write (Sources/Reporting/Resources/kommuner.txt)")
    parser.add_argument(
        "--simplify", type=float, default=0.0, metavar="METRES",
        help="simplify as a coverage with this tolerance (shapely.coverage_simplify); 0: not at all")
    args = parser.parse_args()

    with open(args.source, encoding="utf-8") as f:
        collection = json.load(f)
    features = sorted(collection["features"], key=lambda f: f["properties"]["kommun_kod"])
    codes = [f["properties"]["kommun_kod"] for f in features]
    names = [f["properties"]["kommun"] for f in features]
    if len(set(codes)) != len(codes) or any(len(c) != 4 or not c.isdigit() for c in codes):
        sys.exit(f"{args.source}: municipality codes must be four digits and unique")

    to_sweref = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3006", always_xy=True)
    projected = [shapely.transform(shape(f["geometry"]), lambda c: _project(to_sweref, c)) for f in features]
    # SCB's generalised polygons are a coverage but for a few slivers where two
    # neighbours' borders were generalised apart; said, and drawn as given.
    invalid = shapely.coverage_invalid_edges(projected)
    for code, name, edges in zip(codes, names, invalid):
        if not edges.is_empty:
            print(f"{args.source}: warning: {code} {name}: {edges.length:.0f} m of border not shared exactly "
                  "with its neighbour (a sliver in the source)", file=sys.stderr)
    if args.simplify > 0:
        projected = list(shapely.coverage_simplify(projected, args.simplify))

    lines = [
        "# SCB, Digitala gränser: Sweden's municipalities (CC0 1.0; Källa: SCB). See kommuner-SOURCES.md.",
        "# SWEREF 99 TM (EPSG:3006) in units of 100 m, y = -northing; written by Tools/project-geo"
        + (f" (coverage simplified, {args.simplify:g} m)" if args.simplify > 0 else "") + ".",
        "# code\tname\tSVG path data\tx y of a point inside",
    ]
    for code, name, geometry in zip(codes, names, projected):
        if "\t" in name or "\n" in name:
            sys.exit(f"{args.source}: municipality {code}'s name holds a tab or a line break")
        largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
        inside = largest.point_on_surface()
        mark = f"{round(inside.x / GRID)} {-round(inside.y / GRID)}"
        lines.append(f"{code}\t{name}\t{path_data(geometry)}\t{mark}")
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{args.out}: {len(features)} municipalities")


def _project(transformer, coords):
    import numpy as np

    x, y = transformer.transform(coords[:, 0], coords[:, 1])
    return np.column_stack([x, y])


if __name__ == "__main__":
    main()
