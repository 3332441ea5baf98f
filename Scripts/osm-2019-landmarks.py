#!/usr/bin/env python3
"""Libya's hospitals, police stations, courts, universities and prisons from a 2019 OSM extract,
as an Overpass answer for `incidentmap gazetteer convert --osm`.

News places attacks and shelling at these buildings ("an attack on the Kirimiyah police
station", "قصف مستشفى الخضراء", "clashes near the University of Tripoli"), and the 2025
Overpass answer in ../shared/osm holds only settlements. The September 2019 extract of Libya that
Scripts/osm-2019-names.py reads (`libya.sqlite` from ObiWanLansi/GeoData,
`Africa/libya.sqlite.zip`, a Geofabrik extract by its README) keeps OSM's named nodes with their
`amenity` tag and their `name`, `name:en` and `name:de`:

    Scripts/osm-2019-landmarks.py libya.sqlite > /tmp/LY-osm-2019-landmarks.json
    incidentmap gazetteer convert --osm /tmp/LY-osm-2019-landmarks.json --out Gazetteer/osm-LY-landmarks-2019.tsv

Each node of `amenity` hospital, police, courthouse, university or prison becomes an element
with those tags; the converter keeps only the names that say what the building is and which one
("Janzour Hospital", "مركز شرطة العامرية"; not "Police Station" or a bare "البساتين"). Two
further rules are the script's, since they need the whole file:
- nodes of one amenity whose names are the same (lower case, spaces and punctuation off) within
  2 km are one building mapped twice: the first is kept, with the other's names;
- a name that the file gives to buildings further apart than that ("Central Hospital" in three
  towns, "Security Directorate") tells no one of them, so it is dropped from all of them.
Only the nodes of the extract are read (buildings drawn as areas are not in it).

Data © OpenStreetMap contributors, ODbL 1.0.
"""
import argparse
import json
import math
import re
import sqlite3
import sys
from collections import defaultdict

AMENITIES = ("hospital", "police", "courthouse", "university", "prison", "place_of_worship", "embassy")
NAME_COLUMNS = ("NAME", "NAME_EN", "NAME_DE")
TAGS = {"NAME": "name", "NAME_EN": "name:en", "NAME_DE": "name:de"}
INVISIBLE = re.compile(r"[\u200B-\u200F\u202A-\u202E\u2066-\u2069]")


def key(name):
    """A name folded for comparison: lower case, letters only."""
    return "".join(ch for ch in name.lower() if ch.isalpha())


def km(a, b):
    """Great-circle distance in km (spherical is enough to tell 2 km apart)."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("extract", help="libya.sqlite of ObiWanLansi/GeoData")
    args = parser.parse_args()
    db = sqlite3.connect(args.extract)
    rows = db.execute(
        "SELECT ID, LAT, LON, VALUE, NAME, NAME_EN, NAME_DE FROM NODE WHERE TAG = 'amenity' AND VALUE IN (%s) ORDER BY ID"
        % ",".join("?" * len(AMENITIES)), AMENITIES).fetchall()
    nodes = []
    for node_id, lat, lon, amenity, *names in rows:
        tags = {"amenity": amenity}
        for column, value in zip(NAME_COLUMNS, names):
            value = INVISIBLE.sub("", value or "").strip()
            if value and value not in tags.values():
                tags[TAGS[column]] = value
        if len(tags) > 1:
            nodes.append({"id": node_id, "point": (lat, lon), "tags": tags})

    # One building mapped twice: the same name and amenity within 2 km.
    kept, merged = [], 0
    for node in nodes:
        names = {key(v) for k, v in node["tags"].items() if k != "amenity"}
        twin = next((other for other in kept if other["tags"]["amenity"] == node["tags"]["amenity"]
                     and names & {key(v) for k, v in other["tags"].items() if k != "amenity"}
                     and km(other["point"], node["point"]) <= 2), None)
        if twin is None:
            kept.append(node)
            continue
        merged += 1
        for tag, value in node["tags"].items():
            if tag != "amenity" and key(value) not in {key(v) for v in twin["tags"].values()}:
                twin["tags"].setdefault("alt_name" if tag == "name" else f"alt_{tag}", value)

    # A name given to buildings further apart names none of them.
    points = defaultdict(list)
    for node in kept:
        for tag, value in node["tags"].items():
            if tag != "amenity":
                points[key(value)].append(node["point"])
    shared = {name for name, where in points.items()
              if any(km(a, b) > 2 for i, a in enumerate(where) for b in where[i + 1:])}
    elements, dropped = [], 0
    for node in kept:
        tags = {k: v for k, v in node["tags"].items() if k == "amenity" or key(v) not in shared}
        dropped += len(node["tags"]) - len(tags)
        if len(tags) > 1:
            elements.append({"type": "node", "id": node["id"], "lat": node["point"][0], "lon": node["point"][1], "tags": tags})
    print(f"{len(rows)} nodes; {len(nodes)} named; {merged} mapped twice; "
          f"{dropped} names given to buildings more than 2 km apart dropped; {len(elements)} written", file=sys.stderr)
    json.dump({"version": 0.6, "generator": "Scripts/osm-2019-landmarks.py from a 2019-09 Geofabrik extract",
               "elements": elements}, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
