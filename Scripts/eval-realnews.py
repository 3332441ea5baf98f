#!/usr/bin/env python3
"""Extraction on real news, by the rules of ../shared/realnews/score.py: precision, recall and F1
overall, by language and by ACLED event type, then every error.

usage: Scripts/eval-realnews.py INCIDENTMAP_BINARY [CASES.json] [--quiet]

The matching (which output fits which expectation, optional expectations, forbidden circles) is
score.py's own: this script imports it and only counts differently. The articles are read from
../shared/realnews; nothing of them is copied.
"""
import collections, json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(here, "..", "..", "shared", "realnews")
args = [a for a in sys.argv[1:] if not a.startswith("--")]
if not args:
    sys.exit(__doc__)
if not os.path.exists(os.path.join(shared, "score.py")):
    print(f"real news: {shared} is absent beside the checkout, so it is not measured")
    sys.exit(0)
sys.path.insert(0, shared)
import score  # noqa: E402  (score.py beside the cases)

cases = json.load(open(args[1] if len(args) > 1 else os.path.join(shared, "cases.json"), encoding="utf-8"))
work = tempfile.mkdtemp(prefix="realnews-eval-")
counts = collections.defaultdict(lambda: [0, 0, 0])  # key -> [tp, fp, fn]
errors, forbidden = [], 0
for case in cases:
    path = os.path.join(work, case["id"] + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(case["text"])
    run = subprocess.run([args[0], "extract", path, "--published", case["published"], "--format", "json"],
                         capture_output=True, text=True)
    outs = json.loads(run.stdout) if run.returncode == 0 and run.stdout.strip() else []
    if run.returncode != 0:
        errors.append(f"{case['id']}: extract failed: {run.stderr.strip()[:200]}")
    tp, wrong, misses, forb = score.score(case, outs)
    forbidden += len(forb)
    matched_types = collections.Counter()
    owner = score.matching(outs, case["expect"], [i for i, e in enumerate(case["expect"]) if not e.get("optional")])
    for output_index in owner:
        matched_types[outs[output_index].get("event_type")] += 1
    for key in ("all", case["lang"]):
        counts[key][0] += tp
        counts[key][1] += len(wrong)
        counts[key][2] += len(misses)
    for event_type, n in matched_types.items():
        counts["type: " + event_type][0] += n
    for o in wrong:
        counts["type: " + str(o.get("event_type"))][1] += 1
        errors.append(f"{case['id']} {case['lang']} false: {o.get('event_date')} {o.get('event_type')} at {o.get('location')} from '{o.get('trigger')}'")
    for e in misses:
        counts["type: " + e["type"]][2] += 1
        errors.append(f"{case['id']} {case['lang']} missed: {e.get('date') or 'any day'} {e['type']} at {e['place']}")

def row(key):
    tp, fp, fn = counts[key]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"| {key} | {p:.2f} | {r:.2f} | {f:.2f} | {tp} | {fp} | {fn} |"

print(f"real news: {len(cases)} articles ({sum(1 for c in cases if c['lang'] == 'ar')} Arabic, "
      f"{sum(1 for c in cases if c['lang'] == 'en')} English), scored by score.py's rules")
print("| set | precision | recall | F1 | tp | fp | fn |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for key in ["all", "ar", "en"] + sorted(k for k in counts if k.startswith("type: ")):
    print(row(key))
print(f"incidents at forbidden places: {forbidden}")
if "--quiet" not in sys.argv and errors:
    print("\nerrors:")
    for line in errors:
        print("  " + line)
