-- wrk script for Scripts/bench-web: GET /near with random centres around Libyan towns (where
-- the synthetic incidents cluster) and radii of 1 to 10 km ("what happened within 10 km of
-- Mitiga"), each answer complete (no limit). Each wrk thread is seeded differently but
-- reproducibly.
local towns = {
  {32.8872, 13.1913}, {32.1167, 20.0667}, {32.3754, 15.0925}, {31.2089, 16.5887},
  {27.0377, 14.4283}, {32.7670, 22.6367}, {32.7571, 12.7276}, {32.4300, 13.6300},
}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", 20190404 + thread_count)
end

function init(args)
  math.randomseed(seed or 20190404)
end

function request()
  local town = towns[math.random(#towns)]
  local lat = town[1] + (math.random() - 0.5) * 0.6
  local lon = town[2] + (math.random() - 0.5) * 0.6
  local radius = 1 + math.random() * 9
  return wrk.format("GET", string.format("/near?lat=%.5f&lon=%.5f&radius=%.3fkm", lat, lon, radius))
end

function done(summary, latency, requests)
  io.write(string.format("wrk-near: %d requests, %d errors (connect %d, read %d, write %d, timeout %d, status %d)\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("wrk-near: throughput %.0f requests/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
