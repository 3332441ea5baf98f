"""Times the map page with many incidents in Debian's chromium (run by Scripts/bench-web).

Usage: python3 Scripts/bench-map-page.py PAGE.html

Prints: the time from opening the file to every marker clustered, a radius search, a date
range change (re-clustering), and the frame intervals while the map is dragged, which say
whether the page stays responsive.
"""
import shutil
import sys
import time

from playwright.sync_api import sync_playwright

page_path = sys.argv[1]
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    start = time.monotonic()
    page.goto("file://" + page_path, timeout=300000)
    page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
    loaded = time.monotonic() - start
    count = int(page.get_attribute("body", "data-incidents"))
    print(f"map-page: {count} incidents clustered and shown {loaded:.2f} s after opening the file")

    page.fill("#radius-lat", "32.8872")
    page.fill("#radius-lon", "13.1913")
    page.fill("#radius-km", "25")
    start = time.monotonic()
    page.click("#radius-go")
    page.wait_for_selector("body[data-radius-state=done]", state="attached")
    found = page.locator("#radius-results li").count()
    print(f"map-page: radius search of 25 km around Tripoli: {found} incidents listed in {(time.monotonic() - start) * 1000:.0f} ms")

    start = time.monotonic()
    page.fill("#since", "2015-01-01")
    page.dispatch_event("#since", "change")
    page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
    shown = int(page.get_attribute("body", "data-shown"))
    print(f"map-page: date range changed, {shown} incidents re-clustered in {(time.monotonic() - start) * 1000:.0f} ms")

    # The timeline: a brush over the middle third of the weeks. Answered when the counts,
    # legend and chart show the weeks; done when every marker of them is re-clustered.
    page.click("#all-dates")
    page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
    chart = page.locator("#timeline-chart").bounding_box()
    weeks = page.locator("#timeline-chart g.week").count()
    width = (chart["width"] - 38) / weeks
    y = chart["y"] + chart["height"] / 2
    for first, last in [(weeks // 3, 2 * weeks // 3), (weeks // 2, weeks // 2), (0, weeks - 1)]:
        page.mouse.move(chart["x"] + 34 + (first + 0.5) * width, y)
        page.mouse.down()
        page.mouse.move(chart["x"] + 34 + (last + 0.5) * width, y)
        page.evaluate("() => { window.__brushStart = performance.now(); }")
        page.mouse.up()
        answered = page.evaluate("() => new Promise(done => requestAnimationFrame(() => done(performance.now() - window.__brushStart)))")
        page.wait_for_selector("body[data-state=ready]", state="attached", timeout=300000)
        clustered = page.evaluate("() => performance.now() - window.__brushStart")
        shown = int(page.get_attribute("body", "data-shown"))
        print(f"map-page: timeline brush over weeks {first}-{last} of {weeks}: {shown} incidents, answered (counts, legend, chart) "
              f"in {answered:.0f} ms, markers re-clustered in {clustered:.0f} ms")

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
        p50 = frames[len(frames) // 2]
        p95 = frames[int(len(frames) * 0.95)]
        print(f"map-page: while dragging, {len(frames)} frames, interval p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {frames[-1]:.1f} ms")
    browser.close()
