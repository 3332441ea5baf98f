#!/usr/bin/env python3
"""Libyan airfields of OurAirports that the gazetteer lacks, as a place file.

OurAirports (https://ourairports.com/data/, data released to the public domain) lists the world's
airports, airstrips and heliports with an ident (the ICAO code where there is one, `LY-0001` …
where there is none), a type, a coordinate, the shabiya as an ISO 3166-2 region, the town it serves
and other names (`keywords`). Most of its Libyan airfields are already in `Gazetteer/` (curated
from OurAirports and the airports' own pages, or from OpenStreetMap); this writes the others:

    curl -O https://davidmegginson.github.io/ourairports-data/airports.csv
    Scripts/ourairports-places.py airports.csv --out Gazetteer/places-libya-ourairports.tsv

(`airports.csv.gz` works as well.) The committed file was made from the copy of airports.csv in
github sjtaylor82/MapInABox (`airports.csv.gz`, blob 70b81384, commit
419d62c46721c35f154e0ee0d855fa8fe3983ba9, 2026-05-11), by its header and row order an OurAirports
dump as published (davidmegginson/ourairports-data's own airports.csv, 12 MB, could not be had;
its runways.csv of 2026-08-22 names no Libyan airfield that this copy lacks); see `--via`.

What it keeps, of the rows whose `iso_country` is LY:
  - large, medium and small airports, and closed ones: conflict news names disused fields and
    wartime bases ("the old Tobruk airport", RAF Marble Arch), and a closed field is still a place;
  - heliports only when the name names a place that matters, an oil or gas field, a terminal or
    platform, or the town it serves, and not a hospital's, hotel's or company's pad; seaplane bases
    and balloonports never.
What it leaves out, and counts by reason:
  - rows with no coordinate, and names that are only generic ("Airstrip", "Heliport", "Unnamed");
  - airfields the gazetteer already holds: a place of kind airport, air-base or military-base in
    any `Gazetteer/*.tsv` within 5 km, or one whose names, variants or source carry the row's
    ident, ICAO, IATA or GPS code, or an old code its keywords give ("HLLT, TIP"), as a whole word
    (the curated files cite OurAirports by ident);
  - rows whose name a place of any kind within 5 km already has (after folding case, accents and
    punctuation): the curated oil fields stand at their airstrips and some carry the airstrip's
    name ("Wafa airport", "Atshan field"), and two places of one name at one point only make the
    name ambiguous.
The output file itself is not among the places checked against, so running it again gives the
same rows.

Names. OurAirports' `name` is `name_en` (a name "A / B" gives `name_en` A and variant B). Other
names are variants only when they name the airfield itself, never the bare town it serves, which
would take the town's own mentions: a keyword is a variant when it says airport, airfield, air
base, airstrip, field or RAF; "<municipality> Airport" is one when the airfield is named after its
town (the municipality is part of its name) and the form differs from the name; the ICAO code is
one when it is four letters starting HL (`icao_code`, else the ident; not `gps_code`, which for a
strip with no ICAO code need not be an assigned one). Codes in keywords (old idents) are only
used to find held airfields. OurAirports has no Arabic names, so `name_ar` is empty.

Each row's id is `ly-airstrip-IDENT` (the sibling `Scripts/airportsdata-places.py` uses the same
scheme), its kind `air-base` where the name says Air Base, Airbase, Air Force, RAF or military, else
`airport`; `admin1` is the shabiya of OurAirports' `iso_region` under the name `Gazetteer/districts.tsv`
gives it (empty for LY-U-A, unassigned); `source` names OurAirports, the ident, name, type and
coordinate and the copy read. `runways.csv` is not read: a place is a point, and a runway's ends
or surface add nothing the gazetteer uses.
"""
import argparse
import csv
import gzip
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from placefiles import place_rows

FACILITIES = {"airport", "air-base", "military-base"}
NEAR_KM = 5.0
COLUMNS = ["id", "kind", "name_en", "name_ar", "variants", "admin1", "parent", "latitude", "longitude",
           "population", "country", "source"]
KEPT_TYPES = {"large_airport", "medium_airport", "small_airport", "closed"}
# OurAirports' ISO 3166-2 regions of Libya, by the district names of Gazetteer/districts.tsv.
REGIONS = {
    "LY-BA": "Benghazi", "LY-BU": "Al Butnan", "LY-DR": "Darnah", "LY-GT": "Ghat",
    "LY-JA": "Al Jabal al Akhdar", "LY-JG": "Al Jabal al Gharbi", "LY-JI": "Al Jafarah",
    "LY-JU": "Al Jufrah", "LY-KF": "Al Kufrah", "LY-MB": "Al Marqab", "LY-MI": "Misratah",
    "LY-MJ": "Al Marj", "LY-MQ": "Murzuq", "LY-NL": "Nalut", "LY-NQ": "An Nuqat al Khams",
    "LY-SB": "Sabha", "LY-SH": "Wadi ash Shati", "LY-SR": "Surt", "LY-TB": "Tripoli",
    "LY-WA": "Al Wahat", "LY-WD": "Wadi al Hayat", "LY-ZA": "Az Zawiyah",
}
# Words of an airfield's name that say what it is, not which one it is.
AIRFIELD_WORDS = {"airport", "airfield", "airstrip", "air", "base", "airbase", "heliport", "helipad",
                  "field", "strip", "landing", "international", "intl", "aerodrome", "former", "old",
                  "new", "unnamed", "unknown", "private", "the", "of", "and"}
NAMES_AIRFIELD = re.compile(r"\b(airport|airfield|air ?base|airstrip|field|raf|afb|air force)\b", re.I)
AIR_BASE = re.compile(r"\b(air ?base|air force|raf|afb|military)\b", re.I)
HELIPORT_PLACE = re.compile(r"\b(oil|gas|field|oilfield|terminal|platform|refinery)\b", re.I)
HELIPORT_OTHER = re.compile(r"\b(hospital|medical|clinic|hotel|residence|embassy|company|private|tower)\b", re.I)
ICAO = re.compile(r"^HL[A-Z]{2}$")
CODE_IN_KEYWORDS = re.compile(r"^(HL[A-Z0-9]{2}|(?!RAF$|AFB$)[A-Z]{3})$")
WORD = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def kilometres(one, other):
    lat1, lon1, lat2, lon2 = map(math.radians, (one[0], one[1], other[0], other[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def folded(name):
    """A name without case, accents, punctuation or spacing, for comparing names."""
    text = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in text if c.isalnum())


def held_places(folder, leave_out):
    """Every place row of the gazetteer's place files, as (file, row, point)."""
    found = []
    for name, row in place_rows(folder, leave_out):
        try:
            point = (float(row["latitude"]), float(row["longitude"]))
        except (KeyError, ValueError):
            continue
        found.append((name, row, point))
    return found


def names_of(row):
    return [row.get("name_en", ""), row.get("name_ar", "")] + row.get("variants", "").split("|")


def is_generic(name):
    words = [w.lower() for w in WORD.findall(name)]
    return not [w for w in words if w not in AIRFIELD_WORDS]


def keep_heliport(airport):
    name = airport["name"]
    if HELIPORT_OTHER.search(name):
        return False
    town = airport["municipality"].strip()
    return bool(HELIPORT_PLACE.search(name) or (town and folded(town) in folded(name)))


def codes_of(airport):
    """The row's ident and ICAO/IATA codes, and codes its keywords give (old idents)."""
    codes = {airport[key].strip() for key in ("ident", "icao_code", "iata_code", "gps_code") if airport.get(key, "").strip()}
    codes |= {k.strip() for k in airport["keywords"].split(",") if CODE_IN_KEYWORDS.match(k.strip())}
    return codes


def names_for(airport):
    """name_en and the variants that name the airfield itself."""
    parts = [p.strip() for p in airport["name"].split(" / ") if p.strip()]
    name, variants = parts[0], parts[1:]
    for keyword in airport["keywords"].split(","):
        keyword = keyword.strip()
        if keyword and not CODE_IN_KEYWORDS.match(keyword) and NAMES_AIRFIELD.search(keyword):
            variants.append(keyword)
    town = airport["municipality"].strip()
    if town and re.search(r"\b" + re.escape(town) + r"\b", airport["name"], re.I):
        variants.append(f"{town} Airport")
    icao = airport.get("icao_code", "").strip() or airport["ident"]
    if ICAO.match(icao):
        variants.append(icao)
    unique, seen = [], {folded(name)}
    for variant in variants:
        if folded(variant) and folded(variant) not in seen:
            seen.add(folded(variant))
            unique.append(variant)
    return name, unique


def open_csv(path):
    return gzip.open(path, "rt", encoding="utf-8", newline="") if str(path).endswith(".gz") else \
        open(path, encoding="utf-8", newline="")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("airports", help="OurAirports' airports.csv (or airports.csv.gz)")
    parser.add_argument("--out", required=True, type=Path, help="the place file to write")
    parser.add_argument("--gazetteer", type=Path, default=Path(__file__).resolve().parent.parent / "Gazetteer")
    parser.add_argument("--via", default="airports.csv as copied in github sjtaylor82/MapInABox airports.csv.gz "
                        "at 419d62c4, 2026-05-11", help="which copy of airports.csv this is, for the source column")
    arguments = parser.parse_args()

    places = held_places(arguments.gazetteer, arguments.out.resolve())
    facilities = [(file, row, point) for file, row, point in places if row["kind"] in FACILITIES]
    words_of_facility = [(row, set(WORD.findall(" ".join(names_of(row) + [row.get("source", "")]))))
                         for _, row, _ in facilities]

    left_out, held_by, rows = Counter(), [], []
    libyan = 0
    with open_csv(arguments.airports) as file:
        for airport in csv.DictReader(file):
            if airport["iso_country"] != "LY":
                continue
            libyan += 1
            ident, kind_of = airport["ident"], airport["type"]
            if kind_of not in KEPT_TYPES and not (kind_of == "heliport" and keep_heliport(airport)):
                left_out[f"type {kind_of}"] += 1
                continue
            try:
                point = (float(airport["latitude_deg"]), float(airport["longitude_deg"]))
            except ValueError:
                left_out["no coordinate"] += 1
                continue
            if is_generic(airport["name"]):
                left_out["generic name"] += 1
                continue
            codes = codes_of(airport)
            by_code = [(row["id"], sorted(codes & words)) for row, words in words_of_facility if codes & words]
            if by_code:
                left_out["held: code in a held airfield's names or source"] += 1
                held_by.append((ident, airport["name"], f"{', '.join(by_code[0][1])} in {by_code[0][0]}"))
                continue
            near = sorted((kilometres(point, other), row["id"], row["name_en"]) for _, row, other in facilities
                          if kilometres(point, other) <= NEAR_KM)
            if near:
                left_out["held: airfield within 5 km"] += 1
                held_by.append((ident, airport["name"], f"{near[0][1]} '{near[0][2]}' at {near[0][0]:.1f} km"))
                continue
            name, variants = names_for(airport)
            taken = {folded(n): row["id"] for _, row, other in places if kilometres(point, other) <= NEAR_KM
                     for n in names_of(row) if folded(n)}
            if folded(name) in taken:
                left_out["name held by a place within 5 km"] += 1
                held_by.append((ident, airport["name"], f"name of {taken[folded(name)]}"))
                continue
            variants = [v for v in variants if folded(v) not in taken]
            kind = "air-base" if AIR_BASE.search(airport["name"]) else "airport"
            source = (f"OurAirports {ident} '{airport['name']}', {kind_of} (public domain; {arguments.via}): "
                      f"{airport['latitude_deg']}, {airport['longitude_deg']}")
            rows.append([f"ly-airstrip-{ident.lower()}", kind, name, "", "|".join(variants),
                         REGIONS.get(airport["iso_region"], ""), "", airport["latitude_deg"],
                         airport["longitude_deg"], "", "LY", source])

    rows.sort()
    with arguments.out.open("w", encoding="utf-8") as out:
        out.write(f"# Libyan airfields of OurAirports (https://ourairports.com/data/, public domain) that the gazetteer\n"
                  f"# lacks: no airport, air base or military base within 5 km or citing the airfield's code, and no place\n"
                  f"# of the same name within 5 km; {len(rows)} of OurAirports' {libyan} Libyan rows.\n"
                  f"# Read from {arguments.via}.\n"
                  f"# Made by Scripts/ourairports-places.py (its comment says what it keeps and why); each row's source\n"
                  f"# names the OurAirports ident, name, type and coordinate. No Arabic names: OurAirports has none.\n")
        out.write("\t".join(COLUMNS) + "\n")
        out.writelines("\t".join(row) + "\n" for row in rows)
    print(f"{libyan} Libyan rows in {arguments.airports}; wrote {len(rows)} to {arguments.out}", file=sys.stderr)
    for reason, count in sorted(left_out.items()):
        print(f"  left out, {reason}: {count}", file=sys.stderr)
    for ident, name, why in held_by:
        print(f"    {ident} '{name}': {why}", file=sys.stderr)


if __name__ == "__main__":
    main()
