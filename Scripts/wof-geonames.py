#!/usr/bin/env python3
"""Who's On First's Libyan places as GeoNames dump rows, for `incidentmap gazetteer convert`.

Who's On First (whosonfirst-data/whosonfirst-data-admin-ly) keeps about 800 Libyan
localities, most of them GeoNames populated places that GeoNames' cities500 extract leaves out
(villages and hamlets with no population figure), each with its GeoNames id, GeoNames' own
coordinate (`gn:latitude`/`gn:longitude`, or the geometry when `src:geom` is `geonames`) and names
in many languages. This script writes the ones that carry a GeoNames id and a GeoNames coordinate
as rows of a GeoNames country dump (19 tab-separated columns), so that the project's own GeoNames
reader turns them into places, kinds and districts exactly as it does a real `LY.txt`:

    Scripts/wof-geonames.py whosonfirst-data-admin-ly/data \
        --same-point Gazetteer/osm-LY-places.tsv Gazetteer/osm-LY-extract-2019.tsv \
        --same-point-out Gazetteer/osm-LY-spellings-geonames.tsv > /tmp/LY-wof.txt
    incidentmap gazetteer convert --geonames /tmp/LY-wof.txt --out Gazetteer/geonames-LY-wof.tsv

(it also writes Gazetteer/geonames-LY-spellings-wof.tsv and Gazetteer/places-libya-spellings-geonames.tsv:
the names of records whose place the gazetteer already holds, see write_spellings).

OpenStreetMap's Libyan villages were imported from the same survey points as GeoNames' (a
GeoNames village and an OSM village often share a coordinate to the metre), but under another
transliteration ("Qaryat Mazghurah" and "تيمزغورة", "Abu `Isa" and "ابوعيسى"), so the gazetteer,
which joins places by a whole name, would hold them twice at one point. A record within 250 m of
a settlement of the `--same-point` place files whose names have the same consonants as one of
the settlement's (read across the two scripts, one letter of difference allowed) is therefore not
written as a GeoNames row: its names go to `--same-point-out` as a row with the OpenStreetMap
place's id, which the gazetteer joins to that place (the row's file sorts after the OSM files, so
the OSM place keeps its own fields and takes these names as spellings). A record within 10 m of a
settlement whose names share nothing with it ("Al Fuqaha'" where OSM now says "Al tolmat": a
mapper renamed the imported point) is left out: one point, two names, and no telling which is
right. A record further away with other names is a place of its own, unless it shares a name
with a place of `--gazetteer` 6 to 30 km away (nearer, the gazetteer joins them itself): at that
distance it is more often the same place put at another survey's point (GeoNames' Al Kararim lies
in Misrata city, the village of al-Kararim 27 km south) than a second place of the name, and a
second point would take the first one's incidents. A record named like a curated place
(`places-*.tsv`) within 15 km is left out too: the curator's row is that place, with its own
spellings, and joining the two would give it the GeoNames id in place of the curated one that
stored incidents name (`ly-ain-zara` would become 2219021).

A record is left out, and counted on standard error, when its GeoNames id is already a place of
`--gazetteer` (cities500's towns: Who's On First's copy, with no population, would make a town
of 100,000 a village), when it is deprecated or superseded, is not
in Libya by both its Who's On First and GeoNames country codes, has no GeoNames id, or has only a
coordinate of another source (Quattroshapes or Natural Earth polygons: the place file's `source`
column says "GeoNames ID", so the coordinate must be GeoNames'). Names kept: Arabic (`ara`), and
the Latin-script names in English, French, Italian, German and Spanish and the undetermined-
language variants (GeoNames' alternate names); the GeoNames reader then keeps only capitalised
Latin names and Arabic-script names without digits.

Data: Who's On First (https://whosonfirst.org/docs/licenses/), itself GeoNames (CC BY 4.0) for
these records.
"""
import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ARABIC_LANGUAGES = ("ara",)
LATIN_LANGUAGES = ("eng", "fra", "ita", "deu", "spa", "und")
NAME_QUALIFIERS = ("preferred", "variant", "colloquial")
# Letters of Persian and Urdu that Arabic does not use: a name with one is not an Arabic spelling.
NON_ARABIC_LETTERS = set("پچژگکیۀہۃھےۓ")


def names(properties, languages):
    """The names of a record in `languages`, in order, each once."""
    found = []
    for language in languages:
        for qualifier in NAME_QUALIFIERS:
            for name in properties.get(f"name:{language}_x_{qualifier}", []):
                name = " ".join(name.split())
                if name and name not in found:
                    found.append(name)
    return found


def geonames_coordinate(properties):
    """GeoNames' coordinate of the record, or None when its only coordinate is another source's."""
    if "gn:latitude" in properties and "gn:longitude" in properties:
        return properties["gn:latitude"], properties["gn:longitude"]
    if properties.get("src:geom") == "geonames":
        return properties["geom:latitude"], properties["geom:longitude"]
    return None


def is_cut_short(properties):
    """A name that ends in one letter ("Qaryat T") and no other name to go by: GeoNames holds a few."""
    name = properties.get("gn:name") or properties["wof:name"]
    return len(name.split()[-1]) == 1 and not names_of(properties)


def is_current(properties):
    deprecated = properties.get("edtf:deprecated", "")
    return (properties.get("mz:is_current") != 0 and not properties.get("wof:superseded_by")
            and deprecated in ("", "uuuu"))


def dump_row(properties, geonameid, coordinate):
    """One GeoNames dump line (19 columns) for a record."""
    name = properties.get("gn:name") or properties["wof:name"]
    ascii_name = properties.get("gn:asciiname") or properties["wof:name"]
    alternates = [n for n in names_of(properties) if n not in (name, ascii_name)]
    code = properties.get("gn:feature_code") or properties.get("gn:fcode")
    if not code:
        code = "PPLX" if properties["wof:placetype"] == "neighbourhood" else "PPL"
    population = properties.get("gn:population") or ""
    columns = [str(geonameid), name, ascii_name, ",".join(n.replace(",", " ") for n in alternates),
               str(coordinate[0]), str(coordinate[1]), properties.get("gn:feature_class", "P"), code,
               "LY", "", properties.get("gn:admin1_code", ""), "", "", "", str(population),
               "", str(properties.get("gn:dem", "")), "Africa/Tripoli",
               properties.get("gn:modification_date", "")]
    return "\t".join(column.replace("\t", " ") for column in columns)


SAME_POINT_METRES = 250
ONE_POINT_METRES = 10
NAMESAKE_KM = (6, 30)
CURATED_KM = 15
# Arabic letters by the consonant a Latin transliteration writes for them; ق, ك and غ all as k
# (Q, G, K), emphatic and plain letters alike, ع, alef, waw and ya dropped (vowels in Latin).
CONSONANTS = dict(zip("بتثجحخدذرزسشصضطظغفقكلمنهة", "bttjhxddrzsSsdtzkfkklmnh "))
LATIN_DIGRAPHS = (("sh", "S"), ("kh", "x"), ("gh", "k"), ("th", "t"), ("dh", "d"), ("dj", "j"), ("ou", ""))
SETTLEMENTS = {"city", "town", "village", "neighbourhood"}


def metres(one, other):
    """Great-circle distance, enough for a 250 m test."""
    lat1, lon1, lat2, lon2 = map(math.radians, (one[0], one[1], other[0], other[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def settlements(paths):
    """The settlements of place files, as dicts of their columns."""
    found = []
    for path in paths:
        lines = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if not line.startswith("#")]
        for fields in lines[1:]:
            row = dict(zip(lines[0], fields))
            if row["kind"] in SETTLEMENTS and row["country"] == "LY":
                row["point"] = (float(row["latitude"]), float(row["longitude"]))
                found.append(row)
    return found


def near(coordinate, places):
    """The settlements within 250 m of `coordinate`, nearest first, with their distances."""
    found = [(metres(coordinate, place["point"]), place) for place in places
             if abs(place["point"][0] - coordinate[0]) < 0.01 and abs(place["point"][1] - coordinate[1]) < 0.012]
    return sorted((pair for pair in found if pair[0] <= SAME_POINT_METRES), key=lambda pair: pair[0])


def consonants(name):
    """The consonants of a name, article dropped, in one alphabet for both scripts."""
    import re
    import unicodedata
    words = name.split()
    if any("\u0600" <= letter <= "\u06FF" for letter in name):
        words = [word[2:] if word.startswith("ال") and len(word) > 3 else word for word in words]
        return "".join(CONSONANTS.get(letter, "") for letter in "".join(words)).replace(" ", "")
    text = "".join(letter for letter in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(letter))
    words = [word for word in re.split(r"[\s\-]+", text) if word not in ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an")]
    text = re.sub(r"[^a-z]", "", "".join(words))
    for digraph, letter in LATIN_DIGRAPHS:
        text = text.replace(digraph, letter)
    return re.sub(r"[aeiouyw]", "", text.replace("q", "k").replace("g", "k").replace("c", "k")).replace("S", "s")


def within_one_edit(one, other):
    """Whether two consonant strings of three letters or more differ by one edit at most."""
    if min(len(one), len(other)) < 3 or abs(len(one) - len(other)) > 1:
        return one == other and one != ""
    previous = list(range(len(other) + 1))
    for row, letter in enumerate(one, 1):
        current = [row]
        for column, other_letter in enumerate(other, 1):
            current.append(min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (letter != other_letter)))
        previous = current
    return previous[-1] <= 1


def folded(name):
    """A name without diacritics, article, hamza forms, ta marbuta, case: enough to spot a namesake."""
    import re
    import unicodedata
    name = "".join(letter for letter in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(letter))
    name = re.sub("[أإآ]", "ا", name).replace("ة", "ه").replace("ى", "ي")
    name = re.sub(r"[`'’‘ʿʾ\-]", " ", name)
    name = re.sub(r"\b(al|el|ad|ar|as|ash|at|az|an)\s+", "", name)
    return " ".join(word[2:] if word.startswith("ال") and len(word) > 3 else word for word in name.split())


OWN_FILES = ("geonames-LY-wof.tsv", "osm-LY-spellings-geonames.tsv", "geonames-LY-spellings-wof.tsv",
             "places-libya-spellings-geonames.tsv")


def gazetteer_rows(folder):
    """The first row of each id in the gazetteer's place files (but this script's own), in the
    order the gazetteer reads them, with the file it is in."""
    rows = {}
    for path in sorted(Path(folder).glob("*.tsv")):
        lines = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if not line.startswith("#")]
        if path.name in OWN_FILES or not lines or lines[0][:2] != ["id", "kind"]:
            continue
        for fields in lines[1:]:
            rows.setdefault(fields[0], dict(zip(lines[0], fields), file=path.name))
    return rows


def gazetteer_names(folder):
    """(coordinate, folded names, curated row or None) of every place of the gazetteer's place
    files but this script's own."""
    found = []
    for path in sorted(Path(folder).glob("*.tsv")):
        lines = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if not line.startswith("#")]
        if path.name in OWN_FILES or not lines or lines[0][:2] != ["id", "kind"]:
            continue
        for fields in lines[1:]:
            row = dict(zip(lines[0], fields))
            names = {folded(name) for name in [row["name_en"], row["name_ar"], *row["variants"].split("|")] if name}
            found.append(((float(row["latitude"]), float(row["longitude"])), names,
                          row if path.name.startswith("places-") else None))
    return found


def namesake_nearby(coordinate, properties, held):
    """Why a place of the gazetteer with one of the record's names rules it out: a curated place
    within 15 km, or any place 6 to 30 km away; None when none does."""
    ours = {folded(name) for name in [properties.get("gn:name") or properties["wof:name"], *names_of(properties)]}
    curated_near = []
    for point, names, curated in held:
        if abs(point[0] - coordinate[0]) < 0.3 and abs(point[1] - coordinate[1]) < 0.35 and ours & names:
            distance = metres(coordinate, point)
            if curated and distance <= CURATED_KM * 1000:
                curated_near.append((distance, curated))
            elif NAMESAKE_KM[0] * 1000 < distance <= NAMESAKE_KM[1] * 1000:
                return "a namesake of a place 6-30 km away", None
    if curated_near:
        return "named like a curated place within 15 km", min(curated_near, key=lambda pair: pair[0])[1]
    return None, None


def names_agree(place, properties):
    """Whether a record and a settlement share a name by its consonants."""
    theirs = {consonants(name) for name in [place["name_en"], place["name_ar"], *place["variants"].split("|")] if name}
    ours = {consonants(name) for name in [properties.get("gn:name") or properties["wof:name"], *names_of(properties)]}
    return any(within_one_edit(one, other) for one in ours for other in theirs)


def spelling_row(place, records):
    """A place-file row with the OSM place's id and fields and the records' names as variants."""
    own = {place["name_en"], place["name_ar"], *place["variants"].split("|")}
    names = []
    for _, properties in records:
        names += [properties.get("gn:name") or properties["wof:name"], properties.get("gn:asciiname", "")]
        names += names_of(properties)
    variants = [name for index, name in enumerate(names) if name and name not in own and name not in names[:index]]
    if not variants:
        return None
    ids = ", ".join(str(geonameid) for geonameid, _ in records)
    source = f"GeoNames {ids} (via Who's On First) at the point of {place['id']}"
    return "\t".join([place["id"], place["kind"], place["name_en"], place["name_ar"], "|".join(variants),
                      "", "", place["latitude"], place["longitude"], "", "LY", source])


def names_of(properties):
    """The record's Latin and Arabic names, Arabic in Arabic letters only."""
    arabic = [n for n in names(properties, ARABIC_LANGUAGES) if not NON_ARABIC_LETTERS & set(n)]
    return names(properties, LATIN_LANGUAGES) + arabic


def write_spellings(spellings, folder):
    """The names of records whose place the gazetteer already holds (by GeoNames id, or a curated
    row of that name within 15 km), as rows copying that place's first row with the names added:
    the gazetteer joins a row to the place of its id, and the copied fields change nothing. GeoNames
    places go to `geonames-LY-spellings-wof.tsv`, curated ones to `places-libya-spellings-geonames.tsv`."""
    header = "\t".join(["id", "kind", "name_en", "name_ar", "variants", "admin1", "parent", "latitude", "longitude",
                        "population", "country", "source"]) + "\n"
    files = {"geonames-": ("geonames-LY-spellings-wof.tsv", []), "places-": ("places-libya-spellings-geonames.tsv", [])}
    for held_id in sorted(spellings):
        row, records = spellings[held_id]
        prefix = "geonames-" if row["file"].startswith("geonames-") else "places-" if row["file"].startswith("places-") else None
        if prefix is None:
            continue
        own = {row["name_en"], row["name_ar"], *row["variants"].split("|")}
        names = []
        for _, properties in records:
            names += [properties.get("gn:name") or properties["wof:name"], properties.get("gn:asciiname", ""), *names_of(properties)]
        new = [name for index, name in enumerate(names) if name and name not in own and name not in names[:index]]
        if not new:
            continue
        ids = ", ".join(str(geonameid) for geonameid, _ in records)
        fields = [row[column] for column in header.rstrip("\n").split("\t")]
        fields[4] = "|".join([variant for variant in row["variants"].split("|") if variant] + new)
        fields[11] = f"{row['source']}; spellings also from GeoNames {ids} (via Who's On First)"
        files[prefix][1].append("\t".join(fields) + "\n")
    for name, lines in files.values():
        with open(folder / name, "w", encoding="utf-8") as out:
            out.write("# Generated by Scripts/wof-geonames.py: GeoNames' names (via Who's On First, whosonfirst-data-admin-ly)\n"
                      "# for places the gazetteer already holds, each row a copy of the place's first row with the names\n"
                      "# added. Names © GeoNames, CC BY 4.0 (LICENSE-GeoNames.md); the copied fields are the held row's.\n")
            out.write(header)
            out.writelines(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="the data/ folder of whosonfirst-data-admin-ly")
    parser.add_argument("--same-point", nargs="*", default=[], help="place files whose settlements a record at their point joins")
    parser.add_argument("--same-point-out", help="the place file for the names of records joined to a settlement")
    parser.add_argument("--gazetteer", default=str(Path(__file__).resolve().parent.parent / "Gazetteer"),
                        help="the place files whose namesakes 6 to 30 km away a record must not be (default: Gazetteer/)")
    arguments = parser.parse_args()
    known = settlements(arguments.same_point)
    held = gazetteer_names(arguments.gazetteer)
    held_rows = gazetteer_rows(arguments.gazetteer)
    spellings = {}  # held id -> (row, [(geonameid, record)]): names for places already held
    joined = {}  # OSM place id -> (place, [(geonameid, record)])

    skipped = Counter()
    rows = {}
    for path in sorted(arguments.data.rglob("*.geojson")):
        if "-alt-" in path.name:
            continue
        properties = json.loads(path.read_text(encoding="utf-8"))["properties"]
        if properties.get("wof:placetype") not in ("locality", "neighbourhood"):
            continue
        geonameid = properties.get("wof:concordances", {}).get("gn:id")
        coordinate = geonames_coordinate(properties)
        if str(geonameid) in held_rows:
            skipped["already held by its GeoNames id"] += 1
            row = held_rows[str(geonameid)]
            spellings.setdefault(row["id"], (row, []))[1].append((geonameid, properties))
        elif not is_current(properties):
            skipped["deprecated or superseded"] += 1
        elif properties.get("wof:country") != "LY" or properties.get("gn:country_code", "LY") != "LY" \
                or properties.get("gn:country", "LY") != "LY":
            skipped["not in Libya"] += 1
        elif not geonameid:
            skipped["no GeoNames id"] += 1
        elif coordinate is None:
            skipped["coordinate not GeoNames'"] += 1
        elif is_cut_short(properties):
            skipped["name cut short"] += 1
        elif geonameid in rows:
            skipped["GeoNames id twice"] += 1
        elif (place := next((p for _, p in near(coordinate, known) if names_agree(p, properties)), None)) is not None:
            skipped["joined to the OpenStreetMap settlement at its point"] += 1
            joined.setdefault(place["id"], (place, []))[1].append((geonameid, properties))
        elif any(distance <= ONE_POINT_METRES for distance, _ in near(coordinate, known)):
            skipped["at the point of an OpenStreetMap settlement named otherwise"] += 1
        elif (found := namesake_nearby(coordinate, properties, held))[0]:
            skipped[found[0]] += 1
            if found[1] is not None:
                row = held_rows[found[1]["id"]]
                spellings.setdefault(row["id"], (row, []))[1].append((geonameid, properties))
        else:
            rows[geonameid] = dump_row(properties, geonameid, coordinate)
    for geonameid in sorted(rows):
        print(rows[geonameid])
    write_spellings(spellings, Path(arguments.gazetteer))
    if arguments.same_point_out:
        with open(arguments.same_point_out, "w", encoding="utf-8") as out:
            out.write("# Generated by Scripts/wof-geonames.py: the names of GeoNames populated places (via Who's On First,\n"
                      "# whosonfirst-data-admin-ly) that lie within 250 m of an OpenStreetMap settlement, as spellings of it.\n"
                      "# Names from GeoNames (https://www.geonames.org), CC BY 4.0; ids, kinds and coordinates\n"
                      "# © OpenStreetMap contributors, ODbL 1.0: see Gazetteer/LICENSE-ODbL.md.\n")
            out.write("\t".join(["id", "kind", "name_en", "name_ar", "variants", "admin1", "parent", "latitude", "longitude",
                                 "population", "country", "source"]) + "\n")
            for place, records in (joined[id] for id in sorted(joined)):
                row = spelling_row(place, records)
                if row:
                    out.write(row + "\n")
    print(f"{len(rows)} rows; skipped: " + ", ".join(f"{count} {why}" for why, count in skipped.items()),
          file=sys.stderr)


if __name__ == "__main__":
    main()
