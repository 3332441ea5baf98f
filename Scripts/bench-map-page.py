"""Times the map page with many incidents in Debian's chromium (run by Scripts/bench-web).

Usage: python3 Scripts/bench-map-page.py PAGE.html [--runs N] [--profile]

Each run opens the page afresh and prints: the time from opening the file to every marker
drawn, a radius search, a date range change, three timeline brushes (the middle third of the
weeks, one week, all weeks; each answered when the summary, legend and chart show it, done when
the map does) and the frame intervals while the map is dragged, which say whether the page stays
responsive. With several runs, the medians follow. `--profile` records the first run in V8's
sampling profiler (CDP `Profiler`) and prints where the time went while opening and brushing,
by function (self time).
"""
import argparse
import collections
import shutil
import statistics
import time

from playwright.sync_api import sync_playwright

parser = argparse.ArgumentParser()
parser.add_argument("page")
parser.add_argument("--runs", type=int, default=1)
parser.add_argument("--profile", action="store_true")
arguments = parser.parse_args()

# The page sets body[data-state] to "ready" once the map shows the date range; this records
# when, in the page's own clock, so that the time does not include Playwright's polling.
# And when the summary changes: the answer to the reader, before the map follows.
WATCH_READY = """() => { window.__readyAt = null; window.__answeredAt = null;
  new MutationObserver((changes, observer) => {
    if (document.body.dataset.state === 'ready') { window.__readyAt = performance.now(); observer.disconnect(); }
  }).observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
  new MutationObserver((changes, observer) => { window.__answeredAt = performance.now(); observer.disconnect(); })
    .observe(document.getElementById('summary'), { childList: true, characterData: true, subtree: true }); }"""


def print_profile(title, profile, top=12):
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    self_time = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[sample]
        self_time[f"{frame['functionName'] or '(anonymous)'} (line {frame['lineNumber'] + 1})"] += delta
    print(f"profile: {title}: {sum(self_time.values()) / 1000:.0f} ms sampled; by function, self time:")
    for name, microseconds in self_time.most_common(top):
        print(f"profile:   {microseconds / 1000:8.1f} ms  {name}")


def one_run(browser, profile):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    figures = {}
    cdp = page.context.new_cdp_session(page) if profile else None
    if cdp:
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 1000})
        cdp.send("Profiler.start")
    start = time.monotonic()
    page.goto("file://" + arguments.page, timeout=300000)
    page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
    figures["open (s)"] = time.monotonic() - start
    if cdp:
        print_profile("opening", cdp.send("Profiler.stop")["profile"])
    count = int(page.get_attribute("body", "data-incidents"))
    print(f"map-page: {count} incidents drawn {figures['open (s)']:.2f} s after opening the file")

    page.fill("#radius-lat", "32.8872")
    page.fill("#radius-lon", "13.1913")
    page.fill("#radius-km", "25")
    start = time.monotonic()
    page.click("#radius-go")
    page.wait_for_selector("body[data-radius-state=done]", state="attached")
    figures["radius search (ms)"] = (time.monotonic() - start) * 1000
    found = page.locator("#radius-results li").count()
    print(f"map-page: radius search of 25 km around Tripoli: {found} incidents listed in {figures['radius search (ms)']:.0f} ms")

    page.evaluate(WATCH_READY)
    page.evaluate("() => { window.__changeStart = performance.now(); }")
    page.fill("#since", "2015-01-01")
    page.dispatch_event("#since", "change")
    page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
    figures["date range (ms)"] = page.evaluate("() => window.__readyAt - window.__changeStart")
    shown = int(page.get_attribute("body", "data-shown"))
    print(f"map-page: date range changed, {shown} incidents shown in {figures['date range (ms)']:.0f} ms")

    # The timeline, with the radius search above still on (its list follows each brush).
    page.click("#all-dates")
    page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
    chart = page.locator("#timeline-chart").bounding_box()
    weeks = page.locator("#timeline-chart g.week").count()
    width = (chart["width"] - 38) / weeks
    y = chart["y"] + chart["height"] / 2
    for name, first, last in [("middle third", weeks // 3, 2 * weeks // 3), ("one week", weeks // 2, weeks // 2),
                              ("all weeks", 0, weeks - 1)]:
        page.mouse.move(chart["x"] + 34 + (first + 0.5) * width, y)
        page.mouse.down()
        page.mouse.move(chart["x"] + 34 + (last + 0.5) * width, y)
        page.wait_for_timeout(100)
        if cdp:
            cdp.send("Profiler.start")
        page.evaluate(WATCH_READY)
        page.evaluate("() => { window.__brushStart = performance.now(); }")
        page.mouse.up()
        page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
        answered, done = page.evaluate("() => [window.__answeredAt - window.__brushStart, window.__readyAt - window.__brushStart]")
        if cdp:
            print_profile(f"brush over the {name}", cdp.send("Profiler.stop")["profile"], top=8)
        shown = int(page.get_attribute("body", "data-shown"))
        figures[f"brush {name}: answered (ms)"] = answered
        figures[f"brush {name}: map done (ms)"] = done
        print(f"map-page: timeline brush over the {name} (weeks {first}-{last} of {weeks}): {shown} incidents, "
              f"answered (counts, legend, chart) in {answered:.0f} ms, map and radius list done in {done:.0f} ms")

    # Frame intervals while dragging the map for about two seconds.
    page.evaluate("""() => { window.__frames = []; let last = performance.now();
        function tick(now) { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) requestAnimationFrame(tick); }
        requestAnimationFrame(tick); }""")
    box = page.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(60):
        page.mouse.move(x + (step % 20) * 10 - 100, y + (step % 15) * 8 - 60)
        page.wait_for_timeout(30)
    page.mouse.up()
    frames = sorted(page.evaluate("window.__frames.slice(1)"))
    if frames:
        figures["drag frame p95 (ms)"] = frames[int(len(frames) * 0.95)]
        print(f"map-page: while dragging, {len(frames)} frames, interval p50 {frames[len(frames) // 2]:.1f} ms, "
              f"p95 {frames[int(len(frames) * 0.95)]:.1f} ms, max {frames[-1]:.1f} ms")
    page.close()
    return figures


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
    runs = [one_run(browser, arguments.profile and run == 0) for run in range(arguments.runs)]
    browser.close()
if len(runs) > 1:
    print(f"map-page: medians of {len(runs)} runs:")
    for key in runs[0]:
        values = [run[key] for run in runs if key in run]
        unit = "s" if "(s)" in key else "ms"
        print(f"map-page:   {key}: {statistics.median(values):.{2 if unit == 's' else 0}f} "
              f"(from {min(values):.{2 if unit == 's' else 0}f} to {max(values):.{2 if unit == 's' else 0}f})")
