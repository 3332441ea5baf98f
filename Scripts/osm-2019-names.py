#!/usr/bin/env python3
"""The names Libyan OpenStreetMap places had in 2019 and no longer carry, as an Overpass answer.

`Gazetteer/osm-LY-places.tsv` holds the 910 places of a 2025 Overpass answer with the names they
carry today. A September 2019 extract of Libya (`libya.sqlite` from ObiWanLansi/GeoData,
`Africa/libya.sqlite.zip`, a Geofabrik extract by its README) holds 768 of the same nodes, and
212 of them had a `name`, `name:en` or `name:de` then that they no longer carry: an older
spelling ("El Merdj" for Al Marj, "Birket" for Al Barkat, "New Brega City"), or the Latin name
written beside the Arabic one in a single tag ("Janzur جنزور"). Reporters wrote those spellings
too, so they are kept as spellings of the same node:

    Scripts/osm-2019-names.py libya.sqlite ../shared/osm/LY-places-overpass.json > /tmp/LY-osm-2019-names.json
    # (after Scripts/wof-geonames.py: its names count as other places' names)
    incidentmap gazetteer convert --osm /tmp/LY-osm-2019-names.json --out Gazetteer/osm-LY-spellings-2019.tsv

Each element written is the 2025 node (its id, coordinate and kind tags) with only the names
that are new: a tag that mixes Arabic and Latin script is split into its Arabic part (`name`) and
its Latin part (`name:en`), and a name is left out when the 2025 node already has it, when
another place of the 2025 answer within 15 km has it (a 2019 node named after the town it served:
the node of Al Jawf was named Kufra), or when it holds digits or brackets (notes, not names). The
gazetteer joins these rows to the 2025 places by their node ids; the file sorts after
`osm-LY-places.tsv`, so the 2025 names and coordinates stay the places' own.

Data © OpenStreetMap contributors, ODbL 1.0.
"""
import argparse
import json
import math
import re
import sqlite3
import sys
from pathlib import Path

ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
INVISIBLE = re.compile(r"[\u200B-\u200F\u202A-\u202E\u2066-\u2069]")
NOT_A_NAME = re.compile(r"[0-9\u0660-\u0669()\[\]/]")
# Words that make a tag value the name of something else than the place (a club, a funeral
# gathering), and words that alone are no name ("the old city", "Qabilat al" cut short).
OTHER_THINGS = {"نادي", "مكان", "عزاء", "fc", "club", "hotel", "school"}
GENERIC = {"al", "el", "as", "an", "ash", "at", "az", "ad", "ar", "qabilat", "funduq", "mintaqat", "qaryat",
           "center", "town", "village", "quarter", "مدينة", "المدينة", "قديمة", "القديمة", "القديمه", "حي", "منطقة",
           "مركز", "قرية", "خضراء"}
KIND_KEYS = ("place", "aeroway", "military")


def kilometres(one, other):
    """Great-circle distance, enough for a 15 km neighbourhood test."""
    lat1, lon1, lat2, lon2 = map(math.radians, (one[0], one[1], other[0], other[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def fold(name):
    """A loose key for "the same name": no diacritics of Arabic, one form of alef, ta marbuta, ya."""
    name = re.sub(r"[\u064B-\u0652\u0640]", "", name)
    name = re.sub("[أإآ]", "ا", name).replace("ة", "ه").replace("ى", "ي")
    return " ".join(name.lower().replace("-", " ").split())


def split_scripts(value):
    """A 2019 tag value as (Arabic part, Latin part); either may be empty. Words in a third
    script (Tifinagh, which some 2019 names carried after a dash) and edge punctuation go."""
    words = INVISIBLE.sub("", value).split()
    arabic = " ".join(word for word in words if ARABIC.search(word) and not LATIN.search(word))
    latin = " ".join(word for word in words if LATIN.search(word) and not ARABIC.search(word))
    return tuple(part.strip(" -\u2011.,`'") for part in (arabic, latin))


def is_name(part):
    """Not a note, a fragment or a common word."""
    words = [word.strip(".,`'") for word in part.lower().split()]
    return (bool(words) and not NOT_A_NAME.search(part) and not OTHER_THINGS & set(words)
            and not set(words) <= GENERIC and words[-1] not in GENERIC - {"town", "village", "quarter"})


def place_file_names(folder, leave_out):
    """(coordinate, folded names, id) of every place in the gazetteer's place files; the id of an
    OpenStreetMap node is its number, so that a node's own row is not taken for another place."""
    found = []
    for path in sorted(folder.glob("*.tsv")):
        lines = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if not line.startswith("#")]
        if path.name == leave_out or not lines or lines[0][:2] != ["id", "kind"]:
            continue
        for fields in lines[1:]:
            row = dict(zip(lines[0], fields))
            names = [row["name_en"], row["name_ar"]] + row["variants"].split("|")
            node = int(row["id"][len("osm-node-"):]) if row["id"].startswith("osm-node-") else row["id"]
            found.append(((float(row["latitude"]), float(row["longitude"])), {fold(name) for name in names if name}, node))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sqlite", help="libya.sqlite of ObiWanLansi/GeoData (table NODE)")
    parser.add_argument("overpass", help="the 2025 Overpass answer (../shared/osm/LY-places-overpass.json)")
    parser.add_argument("--gazetteer", default=str(Path(__file__).resolve().parent.parent / "Gazetteer"),
                        help="the place files whose names within 15 km a 2019 name must not take (default: Gazetteer/)")
    parser.add_argument("--output-name", default="osm-LY-spellings-2019.tsv",
                        help="the place file this answer becomes, left out of --gazetteer so that a second run gives the same answer")
    arguments = parser.parse_args()

    current = json.load(open(arguments.overpass, encoding="utf-8"))["elements"]
    nodes = {element["id"]: element for element in current if element["type"] == "node"}
    names_near = [((element.get("lat"), element.get("lon")),
                   {fold(value) for key, value in element.get("tags", {}).items() if key.split(":")[0].endswith("name")},
                   element["id"]) for element in current if "lat" in element]
    names_near += place_file_names(Path(arguments.gazetteer), leave_out=arguments.output_name)

    database = sqlite3.connect(arguments.sqlite)
    elements, dropped = [], 0
    for node_id, name, english, german in database.execute("SELECT ID, NAME, NAME_EN, NAME_DE FROM NODE"):
        node = nodes.get(node_id)
        if node is None:
            continue
        own = {fold(value) for key, value in node["tags"].items() if key.split(":")[0].endswith("name")}
        where = (node["lat"], node["lon"])
        others = set().union(*(keys for point, keys, other_id in names_near
                               if other_id != node_id and kilometres(where, point) <= 15))
        new = {"ar": [], "en": []}
        for value in (name, english, german):
            for script, part in zip(("ar", "en"), split_scripts(value or "")):
                key = fold(part)
                if not part or not is_name(part) or key in own or part in new[script]:
                    continue
                if key in others:
                    dropped += 1
                    continue
                new[script].append(part)
        if not new["ar"] and not new["en"]:
            continue
        tags = {key: value for key, value in node["tags"].items() if key in KIND_KEYS}
        for script, key in (("ar", "name"), ("en", "name:en")):
            if new[script]:
                tags[key] = new[script][0]
            if len(new[script]) > 1:
                tags["old_name" if script == "ar" else "old_name:en"] = ";".join(new[script][1:])
        elements.append({"type": "node", "id": node_id, "lat": node["lat"], "lon": node["lon"], "tags": tags})
    json.dump({"version": 0.6, "generator": "Scripts/osm-2019-names.py",
               "osm3s": {"copyright": "The data included in this document is from www.openstreetmap.org. "
                                      "The data is made available under ODbL."},
               "elements": elements}, sys.stdout, ensure_ascii=False, indent=1)
    print(f"{len(elements)} nodes with 2019 names they no longer carry; "
          f"{dropped} names left out as another place's within 15 km", file=sys.stderr)


if __name__ == "__main__":
    main()
