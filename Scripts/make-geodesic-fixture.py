#!/usr/bin/env python3
"""Writes Tests/IncidentMapCoreTests/Fixtures/geodesic-wgs84.tsv: reference geodesic
distances on WGS84 from GeographicLib (pip install geographiclib), the library Karney's
algorithms come from, so that IncidentMapCore's distances are checked against an independent
implementation rather than against themselves.

Usage: python3 Scripts/make-geodesic-fixture.py  (seeded: the output is the same every run)
"""
import os
import random

from geographiclib.geodesic import Geodesic

random.seed(20190408)
pairs = [
    # Places the product measures every day.
    (32.88743, 13.18733, 32.8942, 13.2761),     # Tripoli (GeoNames) to Mitiga
    (32.88743, 13.18733, 32.11486, 20.06859),   # Tripoli to Benghazi
    (32.88743, 13.18733, 27.03766, 14.42832),   # Tripoli to Sabha
    # Hard cases for any geodesic code.
    (0.0, 0.0, 0.0, 0.0),                       # zero distance
    (0.0, 0.0, 0.0, 179.5),                     # near-antipodal on the equator
    (0.0, 0.0, 0.5, 179.7),                     # near-antipodal off the equator
    (89.9, 0.0, 89.9, 180.0),                   # across the north pole
    (-89.99, 45.0, -89.99, -135.0),             # across the south pole
    (10.0, 179.99, 10.0, -179.99),              # across the antimeridian
    (-33.0, -179.5, -33.2, 179.6),              # across the antimeridian, south
    (90.0, 0.0, -90.0, 0.0),                    # pole to pole
]
for _ in range(200):
    lat1 = random.uniform(-90, 90)
    lon1 = random.uniform(-180, 180)
    lat2 = random.uniform(-90, 90)
    lon2 = random.uniform(-180, 180)
    pairs.append((round(lat1, 6), round(lon1, 6), round(lat2, 6), round(lon2, 6)))
for _ in range(100):  # short distances, the radius-query range
    lat1 = random.uniform(-89, 89)
    lon1 = random.uniform(-180, 180)
    pairs.append((round(lat1, 6), round(lon1, 6),
                  round(lat1 + random.uniform(-0.5, 0.5), 6), round(lon1 + random.uniform(-0.5, 0.5), 6)))

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "IncidentMapCoreTests", "Fixtures",
                   "geodesic-wgs84.tsv")
with open(out, "w") as f:
    f.write("# lat1\tlon1\tlat2\tlon2\ts12_m (GeographicLib, WGS84)\n")
    for lat1, lon1, lat2, lon2 in pairs:
        if not -90 <= lat2 <= 90:
            continue
        if not -180 <= lon2 <= 180:
            lon2 = round((lon2 + 180) % 360 - 180, 6)
        s12 = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]
        f.write(f"{lat1}\t{lon1}\t{lat2}\t{lon2}\t{s12:.9f}\n")
print("wrote", os.path.normpath(out))
