#!/usr/bin/env python3
"""Writes N synthetic incidents in ACLED's current 31-column CSV layout (the export tool's
header, in its order), for the CSV ingest benchmark (Scripts/bench-acled-csv).

    Scripts/make-acled-csv.py N OUT.csv [--seed S]

Every value is made up from a seeded generator: no real ACLED data. Quoted fields with commas
and doubled quotes appear as they do in ACLED's files (notes, actors, tags)."""
import argparse
import csv
import random

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
# ACLED's event types with a few of their sub-event types and disorder types.
TYPES = [
    ("Battles", "Political violence", ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"]),
    ("Explosions/Remote violence", "Political violence", ["Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED"]),
    ("Violence against civilians", "Political violence", ["Attack", "Abduction/forced disappearance"]),
    ("Protests", "Demonstrations", ["Peaceful protest", "Protest with intervention"]),
    ("Riots", "Demonstrations", ["Violent demonstration", "Mob violence"]),
    ("Strategic developments", "Strategic developments", ["Agreement", "Arrests", "Looting/property destruction"]),
]
COUNTRIES = [("LBY", 434, "Northern Africa", "Libya", 19.0, 33.0, 9.5, 25.0),
             ("SDN", 729, "Eastern Africa", "Sudan", 9.0, 22.0, 22.0, 38.0),
             ("SYR", 760, "Middle East", "Syria", 32.5, 37.0, 35.8, 42.0)]


def rows(count, seed=15):
    """The `count` rows after the header (COLUMNS), each a list of values, from a generator seeded with `seed`."""
    rng = random.Random(seed)
    actors = [f"Synthetic Militia {n}" for n in range(40)] + [f"Military Forces of Country {n} (2014-)" for n in range(8)]
    places = [f"Town {n}" for n in range(2000)]
    for number in range(count):
        code, iso, region, country, south, north, west, east = rng.choice(COUNTRIES)
        event_type, disorder, subtypes = rng.choice(TYPES)
        year = rng.randint(1997, 2025)
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        actor2 = rng.choice(actors) if rng.random() < 0.6 else ""
        place = rng.choice(places)
        fatalities = rng.choice([0, 0, 0, 1, 2, 3, 5, 12])
        yield [
            f"{code}{number + 1}", date, year, rng.randint(1, 3), disorder, event_type, rng.choice(subtypes),
            rng.choice(actors), rng.choice(["", "Civilians (International)", "Synthetic Tribal Group; Synthetic Party"]),
            rng.randint(1, 8), actor2, "", rng.randint(0, 8) if actor2 else 0, rng.randint(10, 88),
            rng.choice(["", "", "Civilian targeting"]), iso, region, country,
            f"Region {rng.randint(1, 22)}", f"District {rng.randint(1, 90)}", "", place,
            f"{rng.uniform(south, north):.4f}", f"{rng.uniform(west, east):.4f}", rng.randint(1, 3),
            rng.choice(["Synthetic Wire", "Synthetic Daily; Synthetic Radio", "Local partner \"Synthetic\""]),
            rng.choice(["National", "Subnational", "Local partner-Other"]),
            f"On {date}, {rng.choice(actors)} and others clashed near {place}, \"synthetic\" note {number}. "
            f"[{fatalities} fatalities reported]",
            fatalities, rng.choice(["", "crowd size=no report", "women targeted: candidates"]),
            1_700_000_000 + number,
        ]


def parse_arguments(doc):
    """COUNT OUT [--seed S], the command line of this generator and of make-acled-xlsx.py, described by `doc`."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=15)
    return parser.parse_args()


def main():
    arguments = parse_arguments(__doc__)
    with open(arguments.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows(arguments.count, arguments.seed))


if __name__ == "__main__":
    main()
