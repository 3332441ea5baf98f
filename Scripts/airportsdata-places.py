#!/usr/bin/env python3
"""Libyan airports and airstrips of the `airportsdata` package that the gazetteer lacks, as a place file.

`airportsdata` (PyPI, MIT licence; https://github.com/mborsetti/airportsdata) lists the world's
airports and landing strips with their ICAO code and coordinate. Most of its 47 Libyan ones are
already in `Gazetteer/` (curated from OurAirports and the airports' own pages, or from
OpenStreetMap); the rest are oil-field and desert airstrips. This writes the ones with no airport,
air base or military base of the gazetteer within 5 km:

    pip download --no-deps airportsdata && unzip -o airportsdata-*.whl 'airportsdata/airports.csv'
    Scripts/airportsdata-places.py airportsdata/airports.csv --out Gazetteer/places-libya-airstrips.tsv

Each row's id is `ly-airstrip-ICAO`, its kind `airport` (`air-base` where the name says "Air
Base"), and its `source` names the package version, the ICAO code and the coordinate. The output
file itself is not among the places it is checked against, so running it again gives the same rows.
"""
import argparse
import csv
import math
from pathlib import Path

from placefiles import place_rows

FACILITIES = {"airport", "air-base", "military-base"}
NEAR_KM = 5.0
COLUMNS = ["id", "kind", "name_en", "name_ar", "variants", "admin1", "parent", "latitude", "longitude",
           "population", "country", "source"]


def kilometres(one, other):
    lat1, lon1, lat2, lon2 = map(math.radians, (one[0], one[1], other[0], other[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def held_facilities(folder, leave_out):
    """The coordinates of the airports and bases in the gazetteer's place files."""
    return [(float(row["latitude"]), float(row["longitude"]))
            for _, row in place_rows(folder, leave_out) if row["kind"] in FACILITIES]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("airports", help="airportsdata's airports.csv")
    parser.add_argument("--out", required=True, type=Path, help="the place file to write")
    parser.add_argument("--gazetteer", type=Path, default=Path(__file__).resolve().parent.parent / "Gazetteer")
    parser.add_argument("--version", default="20260905", help="the airportsdata version the csv is from")
    arguments = parser.parse_args()

    held = held_facilities(arguments.gazetteer, arguments.out.resolve())
    rows = []
    with open(arguments.airports, encoding="utf-8") as file:
        for airport in csv.DictReader(file):
            if airport["country"] != "LY":
                continue
            point = (float(airport["lat"]), float(airport["lon"]))
            if any(kilometres(point, other) <= NEAR_KM for other in held):
                continue
            kind = "air-base" if "air base" in airport["name"].lower() else "airport"
            source = (f"airportsdata {arguments.version} (MIT) ICAO {airport['icao']} "
                      f"'{airport['name']}': {airport['lat']}, {airport['lon']}")
            rows.append([f"ly-airstrip-{airport['icao'].lower()}", kind, airport["name"], "", "", "", "",
                         airport["lat"], airport["lon"], "", "LY", source])
    with arguments.out.open("w", encoding="utf-8") as out:
        out.write("# Libyan airports and airstrips of airportsdata (PyPI, MIT licence) with no airport or base of the\n"
                  "# gazetteer within 5 km. Made by Scripts/airportsdata-places.py; each row's source names the entry.\n")
        out.write("\t".join(COLUMNS) + "\n")
        out.writelines("\t".join(row) + "\n" for row in sorted(rows))
    print(f"wrote {len(rows)} airports to {arguments.out}")


if __name__ == "__main__":
    main()
