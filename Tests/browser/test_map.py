"""The map page in a real browser, used as an analyst would use it.

Debian's chromium, driven by Playwright for Python (with ``executable_path`` set to Debian's
chromium, so Playwright downloads no browser of its own). Scripts/test runs it after
``swift test``; Scripts/setup installs chromium, Leaflet and Playwright.

For ``incidentmap map`` (the offline file) and ``incidentmap serve`` (the live page):
- the page loads with no network request beyond the file (or the server it came from);
- it holds as many incidents as the store;
- a popup shows the date and its precision, the type, the place in English and Arabic, the
  evidence sentence right to left with the place and trigger marked, the source;
- the radius tool, by typed centre and by a click on the map, lists the same incidents in the
  same order as ``incidentmap near``;
- the date range filter shows the incidents of the range;
- the coastline puts Tripoli's, Mitiga's and Tajoura's incidents on land (point in the page's
  own land polygon, with shapely);
- brushing the weekly timeline gives the counts of ``incidentmap stats --by week`` (and, in the
  legend, ``--by type``) with the same --since/--until, and filters the radius list; the play
  button steps through the weeks.

And ``incidentmap report`` opens offline (no request at all beyond the file) with its map,
chart and tables.

Usage: python3 Tests/browser/test_map.py [--screenshot docs/map.png]
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from playwright.sync_api import sync_playwright
from shapely.geometry import Point, shape
from shapely.ops import unary_union

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED_SAMPLES = os.path.join(ROOT, "..", "shared", "samples")


def incidentmap_binary():
    path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    binary = os.path.join(path, "incidentmap")
    if not os.path.exists(binary):
        raise SystemExit(f"{binary} is missing: run `swift build` first")
    return binary


def chromium_path():
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("Debian's chromium is not installed: run Scripts/setup")


class Fixture:
    """A store with the sample article (where ../shared is present), the articles and the
    incident rows of Data/, and the CLI's own answers to compare the page with."""

    def __init__(self, sample_only=False):
        self.binary = incidentmap_binary()
        self.folder = tempfile.mkdtemp(prefix="incidentmap-browser-")
        self.db = os.path.join(self.folder, "incidents.sqlite")
        if os.path.isdir(SHARED_SAMPLES):
            self.run("ingest", SHARED_SAMPLES, "--published", "2019-04-09", "--source", "shared sample article")
        else:
            print("browser tests: ../shared/samples is absent beside the checkout: "
                  "the map shows Data/ only", file=sys.stderr)
        if not sample_only:
            self.run("ingest", os.path.join(ROOT, "Data", "articles", "tripoli-front-2019-04.jsonl"))
            for name in sorted(os.listdir(os.path.join(ROOT, "Data", "incidents"))):
                if name.endswith(".csv"):
                    self.run("ingest", os.path.join(ROOT, "Data", "incidents", name))
        self.html = os.path.join(self.folder, "incidents.html")
        title = "The sample article: Tripoli, 4-8 April 2019" if sample_only else "Tripoli front, April 2019"
        self.run("map", "--out", self.html, "--title", title)

    def run(self, *arguments):
        return subprocess.run([self.binary, *arguments, "--db", self.db], check=True,
                              capture_output=True, text=True).stdout

    def incidents(self):
        return json.loads(self.run("export", "--format", "json"))

    def stats(self, by, since, until):
        return json.loads(self.run("stats", "--by", by, "--since", since, "--until", until, "--format", "json"))

    def near(self, latitude, longitude, kilometres):
        hits = json.loads(self.run("near", f"{latitude},{longitude}", "--radius", f"{kilometres}km", "--format", "json"))
        return [hit["event_id_cnty"] for hit in hits]


class MapPageChecks:
    """Checks shared by the file page and the served page; subclasses open `self.page`."""

    fixture = None
    offline = True

    def wait_ready(self):
        self.page.wait_for_selector("body[data-state=ready]", state="attached", timeout=60000)

    def test_holds_every_stored_incident(self):
        expected = len(self.fixture.incidents())
        self.assertGreater(expected, 20)
        self.assertEqual(int(self.page.get_attribute("body", "data-incidents")), expected)
        self.assertEqual(self.page.inner_text("#summary"), f"{expected} incidents")
        legend = self.page.inner_text("#legend")
        self.assertEqual(sum(int(n) for n in re.findall(r"\((\d+)\)", legend)), expected)
        self.assertEqual(self.errors, [])

    def radius_by_form(self, latitude, longitude, kilometres):
        self.page.fill("#radius-lat", str(latitude))
        self.page.fill("#radius-lon", str(longitude))
        self.page.fill("#radius-km", str(kilometres))
        self.page.click("#radius-go")
        self.page.wait_for_selector("body[data-radius-state=done]", state="attached")
        return self.page.eval_on_selector_all("#radius-results li", "items => items.map(i => i.dataset.id)")

    def test_radius_tool_gives_the_same_answer_as_near(self):
        for latitude, longitude, kilometres in [(32.8942, 13.2761, 10), (32.69, 13.17, 5), (32.6, 13.0, 40), (31.2, 16.6, 30)]:
            listed = self.radius_by_form(latitude, longitude, kilometres)
            self.assertEqual(listed, self.fixture.near(latitude, longitude, kilometres),
                             f"{latitude},{longitude} within {kilometres} km")
        self.assertGreater(len(self.radius_by_form(32.8942, 13.2761, 10)), 0)
        summary = self.page.inner_text("#radius-summary")
        self.assertIn("within 10 km", summary)

    def test_clicking_the_map_sets_the_centre(self):
        self.page.fill("#radius-km", "25")
        box = self.page.locator("#map").bounding_box()
        # The top left of the map: sea or land, but away from the markers and the controls.
        self.page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.12)
        self.page.wait_for_selector("body[data-radius-state=done]", state="attached")
        latitude = float(self.page.input_value("#radius-lat"))
        longitude = float(self.page.input_value("#radius-lon"))
        listed = self.page.eval_on_selector_all("#radius-results li", "items => items.map(i => i.dataset.id)")
        self.assertEqual(listed, self.fixture.near(latitude, longitude, 25))
        self.assertEqual(self.page.locator(".leaflet-interactive").count() > 0, True)

    def test_popup_shows_the_incident_and_its_evidence(self):
        incidents = {i["event_id_cnty"]: i for i in self.fixture.incidents()}
        listed = self.radius_by_form(32.8942, 13.2761, 2)  # Mitiga airport
        with_evidence = [i for i in listed if incidents[i].get("evidence")]
        self.assertTrue(with_evidence, "an extracted incident at Mitiga")
        chosen = incidents[with_evidence[0]]
        self.page.click(f"#radius-results li[data-id='{chosen['event_id_cnty']}']")
        popup = self.page.wait_for_selector(".leaflet-popup-content .incident", timeout=20000)
        text = popup.inner_text()
        self.assertIn(chosen["event_date"], text)
        self.assertIn(chosen["event_type"], text)
        self.assertIn(chosen["sub_event_type"], text)
        self.assertIn(chosen["location"], text)
        self.assertIn(chosen["location_ar"], text)
        quote = popup.query_selector("blockquote")
        self.assertEqual(quote.get_attribute("dir"), "rtl")
        self.assertEqual(quote.inner_text(), chosen["evidence"][0]["text"])
        place = popup.query_selector("blockquote mark.place").inner_text()
        trigger = popup.query_selector("blockquote mark.trigger").inner_text()
        self.assertTrue(place and trigger)
        self.assertIn(place, chosen["evidence"][0]["text"])
        self.assertTrue(re.search(r"\((exact day|within the week|within the month)\)", text))
        if chosen.get("source"):
            self.assertIn(chosen["source"].split(";")[0].strip(), text)

    def test_date_range_filter(self):
        incidents = self.fixture.incidents()
        self.page.fill("#since", "2019-04-05")
        self.page.dispatch_event("#since", "change")
        self.page.fill("#until", "2019-04-08")
        self.page.dispatch_event("#until", "change")
        self.wait_ready()
        inside = [i for i in incidents if "2019-04-05" <= i["event_date"] <= "2019-04-08"]
        self.assertEqual(int(self.page.get_attribute("body", "data-shown")), len(inside))
        self.assertEqual(self.page.inner_text("#summary"), f"{len(inside)} of {len(incidents)} incidents from 2019-04-05 to 2019-04-08")
        self.page.click("#all-dates")
        self.wait_ready()
        self.assertEqual(int(self.page.get_attribute("body", "data-shown")), len(incidents))


    def test_the_coastline_puts_tripolis_incidents_on_land(self):
        basemap = json.loads(self.page.eval_on_selector("#incidentmap-basemap", "node => node.textContent"))
        land = unary_union([shape(f["geometry"]) for f in basemap["features"] if f["properties"]["detail"] == "high"])
        coastal = [i for i in self.fixture.incidents()
                   if re.search(r"Tripoli|Mitiga|Tajura|Tajoura|Souq al-Juma", i.get("location") or "")]
        self.assertGreater(len(coastal), 5)
        at_sea = [(i["location"], i["latitude"], i["longitude"]) for i in coastal
                  if not land.contains(Point(i["longitude"], i["latitude"]))]
        self.assertEqual(at_sea, [])
        # And the places themselves, as the gazetteer has them.
        for name, latitude, longitude in [("Tripoli", 32.88743, 13.18733), ("Mitiga", 32.8942, 13.2761), ("Tajoura", 32.8817, 13.3506)]:
            self.assertTrue(land.contains(Point(longitude, latitude)), name)

    def weeks_on_the_chart(self):
        return self.page.eval_on_selector_all("#timeline-chart g.week", "gs => gs.map(g => [g.dataset.week, +g.dataset.count])")

    def brush(self, first, last):
        """Drags across the chart from the middle of week `first` to the middle of week `last`."""
        bars = self.page.locator("#timeline-chart g.week")
        start, end = bars.nth(first).bounding_box(), bars.nth(last).bounding_box()
        chart = self.page.locator("#timeline-chart").bounding_box()
        y = chart["y"] + chart["height"] / 2
        # A week with no incident has no bar to measure: the chart's own spacing places it.
        count = bars.count()
        width = (chart["width"] - 38) / count
        x0 = chart["x"] + 34 + (first + 0.5) * width
        x1 = chart["x"] + 34 + (last + 0.5) * width
        self.page.mouse.move(x0, y)
        self.page.mouse.down()
        self.page.mouse.move((x0 + x1) / 2, y)
        self.page.mouse.move(x1, y)
        self.page.mouse.up()
        self.wait_ready()

    def test_brushing_the_timeline_gives_the_counts_of_stats_by_week(self):
        weeks = self.weeks_on_the_chart()
        self.assertGreaterEqual(len(weeks), 2)
        # Every week of the store's stats is on the chart with its count.
        since, until = self.page.input_value("#since"), self.page.input_value("#until")
        by_week = {g["week"]: g["incidents"] for g in self.fixture.stats("week", since, until)}
        self.assertEqual({w: c for w, c in weeks if c}, by_week)
        for first, last in [(0, 0), (0, 1), (1, len(weeks) - 1)]:
            self.brush(first, last)
            since, until = self.page.input_value("#since"), self.page.input_value("#until")
            self.assertEqual(since, weeks[first][0])
            stats = self.fixture.stats("week", since, until)
            self.assertEqual(int(self.page.get_attribute("body", "data-shown")), sum(g["incidents"] for g in stats), (since, until))
            self.assertEqual(sum(c for _, c in weeks[first:last + 1]), sum(g["incidents"] for g in stats))
            by_type = {g["type"]: g["incidents"] for g in self.fixture.stats("type", since, until)}
            legend = {node["type"]: int(node["count"]) for node in self.page.eval_on_selector_all(
                "#legend div[data-type]", "ds => ds.map(d => ({type: d.dataset.type, count: d.dataset.count}))")}
            self.assertEqual({t: c for t, c in legend.items() if c}, by_type)
            self.assertIn(f"{since} to {until}", self.page.inner_text("#timeline-range"))
        # The radius list keeps to the brushed weeks.
        listed = self.radius_by_form(32.8942, 13.2761, 40)
        dates = {i["event_id_cnty"]: i["event_date"] for i in self.fixture.incidents()}
        self.assertTrue(listed)
        self.assertTrue(all(since <= dates[i] <= until for i in listed))
        self.page.click("#timeline-all")
        self.wait_ready()
        self.assertEqual(int(self.page.get_attribute("body", "data-shown")), len(self.fixture.incidents()))
        self.assertEqual(self.errors, [])

    def test_play_steps_through_the_weeks(self):
        weeks = self.weeks_on_the_chart()
        self.page.click("#timeline-play")
        for week, count in weeks[:2]:
            self.page.wait_for_function(f"document.getElementById('since').value === '{week}'", timeout=20000)
            self.wait_ready()
            self.assertEqual(int(self.page.get_attribute("body", "data-shown")), count)
        self.page.click("#timeline-play")
        self.assertEqual(self.page.get_attribute("#timeline-play", "aria-pressed"), "false")


class BrowserCase(unittest.TestCase):
    browser = None
    playwright = None

    @classmethod
    def setUpClass(cls):
        if BrowserCase.playwright is None:
            BrowserCase.playwright = sync_playwright().start()
            BrowserCase.browser = BrowserCase.playwright.chromium.launch(
                executable_path=chromium_path(), args=["--no-sandbox"])
        if MapPageChecks.fixture is None:
            MapPageChecks.fixture = Fixture()

    def open(self, url, allowed_prefix):
        self.context = BrowserCase.browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.errors = []
        self.requests = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)

        def route(route):
            self.requests.append(route.request.url)
            if route.request.url.startswith(allowed_prefix):
                route.continue_()
            else:
                route.abort()
        self.page.route("**/*", route)
        self.page.goto(url)
        self.wait_ready()

    def tearDown(self):
        outside = [url for url in self.requests if not url.startswith(self.allowed_prefix)]
        self.assertEqual(outside, [], "the page asked the network for something")
        self.context.close()


class OfflineFileTests(BrowserCase, MapPageChecks):
    def setUp(self):
        self.allowed_prefix = "file://" + self.fixture.html
        self.open("file://" + self.fixture.html, self.allowed_prefix)


class ServedPageTests(BrowserCase, MapPageChecks):
    server = None
    base = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        log = open(os.path.join(MapPageChecks.fixture.folder, "serve.log"), "w+")
        cls.server = subprocess.Popen([MapPageChecks.fixture.binary, "serve", "--port", "0", "--db", MapPageChecks.fixture.db],
                                      stderr=log, stdout=log)
        deadline = time.time() + 60
        while time.time() < deadline:
            log.seek(0)
            found = re.search(r"at (http://127\.0\.0\.1:\d+)/", log.read())
            if found:
                cls.base = found.group(1)
                break
            if cls.server.poll() is not None:
                raise RuntimeError("incidentmap serve ended: " + open(log.name).read())
            time.sleep(0.2)
        if cls.base is None:
            raise RuntimeError("incidentmap serve did not say where it listens")

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=30)

    def setUp(self):
        self.allowed_prefix = self.base + "/"
        self.open(self.base + "/", self.allowed_prefix)

    def test_an_article_posted_to_the_api_appears_after_a_reload(self):
        before = len(self.fixture.incidents())
        article = {"text": "قال شهود إن طائرة حربية شنت غارة جوية على بلدة غريان أمس",
                   "published": "2019-04-25", "source": "browser test"}
        request = urllib.request.Request(self.base + "/articles", data=json.dumps(article).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request) as response:
            self.assertEqual(response.status, 201)
        self.page.reload()
        self.wait_ready()
        self.assertEqual(int(self.page.get_attribute("body", "data-incidents")), before + 1)


class ReportTests(BrowserCase):
    """incidentmap report, opened from disk with every request recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = os.path.join(MapPageChecks.fixture.folder, "report.html")
        MapPageChecks.fixture.run("report", "--out", cls.report, "--title", "Tripoli front, April 2019")

    def setUp(self):
        self.allowed_prefix = "file://" + self.report

    def test_the_report_opens_offline(self):
        self.context = BrowserCase.browser.new_context(viewport={"width": 1000, "height": 900}, offline=True)
        self.page = self.context.new_page()
        self.requests = []
        errors = []
        self.page.on("pageerror", lambda error: errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto("file://" + self.report)
        self.page.wait_for_load_state("load")
        self.assertEqual(self.requests, ["file://" + self.report])
        self.assertEqual(errors, [])
        self.assertEqual(self.page.locator("script, link, img, iframe").count(), 0)
        self.assertGreater(self.page.locator("svg.report-map circle").count(), 3)
        weeks = self.page.eval_on_selector_all("svg.weekly-chart g[data-week]", "gs => gs.map(g => [g.dataset.week, +g.dataset.count])")
        stats = self.fixture_stats()
        self.assertEqual({w: c for w, c in weeks if c}, stats)
        self.assertGreater(self.page.locator("#top-places tbody tr").count(), 3)
        self.assertGreater(self.page.locator("#incidents blockquote").count(), 3)

    def fixture_stats(self):
        groups = json.loads(MapPageChecks.fixture.run("stats", "--by", "week", "--format", "json"))
        return {g["week"]: g["incidents"] for g in groups}


def main():
    if "--screenshot" in sys.argv:
        # docs/map.png: the sample article's incidents with the radius search around Mitiga;
        # docs/map-popup.png: one incident's popup with its evidence.
        target = sys.argv[sys.argv.index("--screenshot") + 1]
        if not os.path.isdir(SHARED_SAMPLES):
            raise SystemExit("the screenshot shows the sample article: put ../shared beside the checkout")
        fixture = Fixture(sample_only=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto("file://" + fixture.html)
            page.wait_for_selector("body[data-state=ready]", state="attached", timeout=60000)
            page.fill("#radius-lat", "32.8942")
            page.fill("#radius-lon", "13.2761")
            page.fill("#radius-km", "10")
            page.click("#radius-go")
            page.wait_for_selector("body[data-radius-state=done]", state="attached")
            page.wait_for_timeout(1000)
            page.screenshot(path=target)
            page.click("#radius-results li")
            page.wait_for_selector(".leaflet-popup-content .incident")
            page.wait_for_timeout(1000)
            popup_target = re.sub(r"(\.png)?$", "-popup.png", target, count=1)
            page.screenshot(path=popup_target)
            # docs/timeline.png: the Tripoli front's month, the weeks of 8-21 April brushed.
            front = Fixture()
            page.goto("file://" + front.html)
            page.wait_for_selector("body[data-state=ready]", state="attached", timeout=60000)
            weeks = page.eval_on_selector_all("#timeline-chart g.week", "gs => gs.map(g => g.dataset.week)")
            chart = page.locator("#timeline-chart").bounding_box()
            width = (chart["width"] - 38) / len(weeks)
            first, last = weeks.index("2019-04-08"), weeks.index("2019-04-15")
            page.mouse.move(chart["x"] + 34 + (first + 0.5) * width, chart["y"] + chart["height"] / 2)
            page.mouse.down()
            page.mouse.move(chart["x"] + 34 + (last + 0.5) * width, chart["y"] + chart["height"] / 2)
            page.mouse.up()
            page.wait_for_selector("body[data-state=ready]", state="attached", timeout=60000)
            page.wait_for_timeout(1000)
            timeline_target = re.sub(r"map(\.png)?$", "timeline.png", target, count=1)
            page.screenshot(path=timeline_target)
            report = os.path.join(front.folder, "report.html")
            front.run("report", "--out", report, "--title", "Tripoli front, April 2019")
            page = browser.new_page(viewport={"width": 1000, "height": 1400})
            page.goto("file://" + report)
            report_target = re.sub(r"map(\.png)?$", "report.png", target, count=1)
            page.screenshot(path=report_target)
            browser.close()
        print(f"wrote {target}, {popup_target}, {timeline_target} and {report_target}")
        return
    try:
        program = unittest.main(verbosity=2, exit=False, argv=[sys.argv[0]])
    finally:
        if BrowserCase.browser is not None:
            BrowserCase.browser.close()
            BrowserCase.playwright.stop()
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
