// incidentmap's map page: the same script for `incidentmap map` (incidents inlined in the page,
// which then works from disk with no network) and `incidentmap serve` (incidents read from the
// HTTP API). Leaflet is inlined before it; the markers are clustered here (see Markers below).
(function () {
  'use strict';

  function readJSON(id) {
    const text = document.getElementById(id).textContent;
    return text.trim() === '' ? null : JSON.parse(text);
  }

  const config = readJSON('incidentmap-config');
  const live = config.mode === 'live';

  // ACLED's six event types, each with a colour that stays apart from the others for the
  // common forms of colour blindness (ColorBrewer Dark2 and Set1 picks).
  const TYPE_COLOURS = {
    'Battles': '#d7191c',
    'Explosions/Remote violence': '#ff7f00',
    'Violence against civilians': '#7b3294',
    'Protests': '#2c7bb6',
    'Riots': '#e6ab02',
    'Strategic developments': '#1b9e77',
  };
  const TIME_PRECISION = { 1: 'exact day', 2: 'within the week', 3: 'within the month' };
  const GEO_PRECISION = { 1: 'at the place', 2: 'near the place', 3: 'in the region' };

  // ---- The map and what lies under the incidents ----
  const map = L.map('map', { preferCanvas: true, worldCopyJump: true, zoomSnap: 0.5, minZoom: 3, maxZoom: 18 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('GSHHG (LGPL) · Natural Earth · geoBoundaries, © OpenStreetMap contributors (ODbL) · GeoNames · incidentmap');
  const basemap = readJSON('incidentmap-basemap');
  if (basemap) {
    L.geoJSON(basemap, {
      interactive: false,
      style: function (feature) {
        const home = feature.properties && feature.properties.iso_a3 === 'LBY';
        return { color: '#8c8c8c', weight: home ? 1.2 : 0.8, fillColor: home ? '#f6f1e3' : '#e8e8e4', fillOpacity: 1 };
      },
    }).addTo(map);
  }
  // Libya's districts (shaʿbiyat): the lines between them, and their names while zoomed out.
  const districts = readJSON('incidentmap-districts');
  const districtLabels = [];
  if (districts) {
    L.geoJSON(districts, {
      interactive: false,
      filter: function (feature) { return feature.properties.kind === 'boundaries'; },
      style: function () { return { color: '#a08a6a', weight: 1, dashArray: '4 3', fill: false }; },
    }).addTo(map);
    districts.features.forEach(function (feature) {
      if (feature.properties.kind !== 'label') return;
      const point = feature.geometry.coordinates;
      districtLabels.push({ name: feature.properties.name, name_ar: feature.properties.name_ar, lat: point[1], lon: point[0],
        district: true, minZoom: 5, maxZoom: 8.5 });
    });
  }

  // Place names, shown by rank as the map zooms in (cities first, then towns, then quarters),
  // never one over another: each is placed only where it overlaps no name placed before it.
  const labelLayer = L.layerGroup().addTo(map);
  const places = districtLabels.concat((config.places || []).map(function (place) {
    return { name: place.name, name_ar: place.name_ar, lat: place.lat, lon: place.lon, minZoom: place.min_zoom, kind: place.kind };
  }));
  places.sort(function (a, b) { return a.minZoom - b.minZoom; });
  function drawLabels() {
    labelLayer.clearLayers();
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.1);
    const placed = [];
    let shown = 0;
    places.forEach(function (place) {
      if (zoom < place.minZoom || (place.maxZoom && zoom > place.maxZoom)) return;
      if (!view.contains([place.lat, place.lon])) return;
      const text = place.name_ar ? place.name + ' · ' + place.name_ar : place.name;
      const at = map.latLngToContainerPoint([place.lat, place.lon]);
      // A label's box from its text's length: measuring each in the DOM would cost a layout per label.
      const width = text.length * (place.district ? 7.5 : 6.6) + 10, height = 15;
      const box = place.district
        ? { left: at.x - width / 2, right: at.x + width / 2, top: at.y - height / 2, bottom: at.y + height / 2 }
        : { left: at.x - 4, right: at.x + width, top: at.y - height / 2, bottom: at.y + height / 2 };
      if (placed.some(function (other) {
        return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      })) return;
      placed.push(box);
      shown++;
      const className = place.district ? 'district-label' : 'place-label' + (place.minZoom <= 5 ? ' major' : '');
      labelLayer.addLayer(L.marker([place.lat, place.lon], {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: className, html: '<span>' + escapeHTML(text) + '</span>',
          iconSize: null, iconAnchor: place.district ? [width / 2, 8] : [0, 8] }),
      }));
    });
    map.getContainer().dataset.labels = String(shown);
  }
  map.on('zoomend moveend', drawLabels);
  map.setView([config.view.lat, config.view.lon], config.view.zoom);
  drawLabels();

  const TYPES = Object.keys(TYPE_COLOURS);
  const TYPE_INDEX = new Map(TYPES.map(function (type, t) { return [type, t]; }));
  function colourOf(type) { return TYPE_COLOURS[type] || '#555'; }

  // The incidents as the page reads them. The rows stay as parsed (a popup or the radius list
  // reads its few); what a brush, a zoom or a search reads for every incident is copied once
  // into typed arrays, so that they touch numbers and never 100,000 objects.
  const incidents = {
    count: 0,
    rows: [],
    columns: [],
    column: {},          // name -> position in a row
    latitude: null,      // Float64Array
    longitude: null,     // Float64Array
    x: null, y: null,    // Float64Array: Web Mercator position, 0…1 across the world, as Leaflet projects
    day: null,           // Int32Array: days since 1970-01-01
    type: null,          // Int8Array: position in TYPES, -1 for a type outside ACLED's six
    byID: new Map(),     // event id -> index
    firstDay: 0,
    days: 0,             // days from the first incident's to the last's, both counted
    // Incidents up to each day, by type: running[(d + 1) * STRIDE + t] counts those of type t
    // (t = TYPES.length: of any type) on day firstDay + d or before. A date range's counts, for
    // the legend, the summary and each week of the chart, are two lookups per type.
    running: null,
  };
  const STRIDE = TYPES.length + 1;

  // The date range shown, as day numbers (inclusive); the whole line when a box is empty.
  const filter = { since: -Infinity, until: Infinity };
  function isShown(index) {
    const day = incidents.day[index];
    return day >= filter.since && day <= filter.until;
  }

  const state = { radius: null, radiusLayer: null, radiusHits: null };

  function incidentAt(index) {
    const row = incidents.rows[index], incident = {};
    for (let c = 0; c < incidents.columns.length; c++) incident[incidents.columns[c]] = row[c];
    return incident;
  }

  // Counts by type (and, last, of any type) of the incidents from day `from` to day `to`.
  function countsBetween(from, to) {
    const first = Math.min(Math.max(from - incidents.firstDay, 0), incidents.days);
    const end = Math.min(Math.max(to - incidents.firstDay + 1, 0), incidents.days);
    const counts = new Array(STRIDE).fill(0);
    if (end <= first) return counts;
    for (let t = 0; t < STRIDE; t++) counts[t] = incidents.running[end * STRIDE + t] - incidents.running[first * STRIDE + t];
    return counts;
  }

  function decode(data) {
    const rows = data.rows, count = rows.length;
    const column = {};
    data.columns.forEach(function (name, c) { column[name] = c; });
    const latitude = new Float64Array(count), longitude = new Float64Array(count);
    const x = new Float64Array(count), y = new Float64Array(count);
    const day = new Int32Array(count), type = new Int8Array(count);
    const byID = new Map();
    const dayOfDate = new Map(); // a few thousand dates among 100,000 rows: each parsed once
    const cLat = column.latitude, cLon = column.longitude, cDate = column.event_date, cType = column.event_type, cID = column.event_id_cnty;
    let firstDay = Infinity, lastDay = -Infinity;
    for (let i = 0; i < count; i++) {
      const row = rows[i];
      const lat = +row[cLat], lon = +row[cLon];
      latitude[i] = lat;
      longitude[i] = lon;
      x[i] = (lon + 180) / 360;
      const sine = Math.sin(lat * Math.PI / 180);
      y[i] = 0.5 - Math.log((1 + sine) / (1 - sine)) / (4 * Math.PI);
      const date = row[cDate];
      let d = dayOfDate.get(date);
      if (d === undefined) { d = dayNumber(date); dayOfDate.set(date, d); }
      day[i] = d;
      if (d < firstDay) firstDay = d;
      if (d > lastDay) lastDay = d;
      const t = TYPE_INDEX.get(row[cType]);
      type[i] = t === undefined ? -1 : t;
      byID.set(row[cID], i);
    }
    const days = count ? lastDay - firstDay + 1 : 0;
    const running = new Int32Array((days + 1) * STRIDE);
    for (let i = 0; i < count; i++) {
      const at = (day[i] - firstDay + 1) * STRIDE;
      if (type[i] >= 0) running[at + type[i]]++;
      running[at + TYPES.length]++;
    }
    for (let d = 1; d <= days; d++) {
      for (let t = 0; t < STRIDE; t++) running[d * STRIDE + t] += running[(d - 1) * STRIDE + t];
    }
    Object.assign(incidents, {
      count: count, rows: rows, columns: data.columns, column: column, latitude: latitude, longitude: longitude,
      x: x, y: y, day: day, type: type, byID: byID, firstDay: count ? firstDay : 0, days: days, running: running,
    });
  }

  // ---- Markers: the shown incidents, clustered at the map's zoom ----
  // Written here instead of using Leaflet.markercluster (Debian's libjs-leaflet.markercluster),
  // which the page used before: it keeps its clusters up to date one marker at a time, 25–45 µs
  // each, so that opening 100,000 incidents took 4–5 s on a quiet machine and a brush that moved
  // 30,000 of them seconds more (BENCHMARKS.md, issue 17). No library Debian packages clusters a
  // changing subset of fixed points (supercluster is not packaged). Here a brush or a zoom
  // clusters the shown incidents afresh in one pass over the typed arrays, by markercluster's
  // own rule (an incident joins the nearest cluster begun within RADIUS pixels, else begins
  // one, in stored order), and only the clusters in view become Leaflet layers. They look as
  // markercluster's do: its stylesheet is still inlined.
  const clusters = (function () {
    const RADIUS = 45;
    // A cell's key: column * ROW + row; columns and rows stay below 2^26 up to zoom 18.
    const ROW = 67108864;
    const layer = L.layerGroup().addTo(map);
    let drawn = new Map();        // key -> layer, for the clusters and incidents in view
    const singles = new Map();    // incident index -> its circle marker, made when first in view
    let madeFor = null;           // the zoom and date range of the clustering below
    let total = 0;                // clusters in it
    // Per cluster (first `total` entries): its first incident, count, sums and bounds.
    let first, size, sumLat, sumLon, south, north, west, east, seedX, seedY, nextInCell;
    let clusterOf = null;         // incident index -> its cluster, -1 when not shown

    function allocate(count) {
      first = new Int32Array(count); size = new Int32Array(count); nextInCell = new Int32Array(count);
      sumLat = new Float64Array(count); sumLon = new Float64Array(count);
      south = new Float64Array(count); north = new Float64Array(count);
      west = new Float64Array(count); east = new Float64Array(count);
      seedX = new Float64Array(count); seedY = new Float64Array(count);
      clusterOf = new Int32Array(count);
    }

    function cluster(zoom) {
      if (!clusterOf || clusterOf.length !== incidents.count) allocate(incidents.count);
      // Positions in units of RADIUS pixels at this zoom, so a cell is RADIUS wide.
      const scale = 256 * Math.pow(2, zoom) / RADIUS;
      const cells = new Map();
      const xs = incidents.x, ys = incidents.y, days = incidents.day, lats = incidents.latitude, lons = incidents.longitude;
      const since = filter.since, until = filter.until;
      total = 0;
      for (let i = 0; i < incidents.count; i++) {
        if (days[i] < since || days[i] > until) { clusterOf[i] = -1; continue; }
        const px = xs[i] * scale, py = ys[i] * scale;
        const cx = Math.floor(px), cy = Math.floor(py);
        let best = -1, bestDistance = 1;
        for (let dx = -1; dx <= 1; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            let c = cells.get((cx + dx) * ROW + cy + dy);
            while (c !== undefined && c >= 0) {
              const distance = (seedX[c] - px) * (seedX[c] - px) + (seedY[c] - py) * (seedY[c] - py);
              if (distance <= bestDistance) { best = c; bestDistance = distance; }
              c = nextInCell[c];
            }
          }
        }
        const lat = lats[i], lon = lons[i];
        if (best < 0) {
          best = total++;
          const key = cx * ROW + cy;
          const head = cells.get(key);
          nextInCell[best] = head === undefined ? -1 : head;
          cells.set(key, best);
          first[best] = i; size[best] = 0; seedX[best] = px; seedY[best] = py;
          sumLat[best] = 0; sumLon[best] = 0; south[best] = north[best] = lat; west[best] = east[best] = lon;
        }
        clusterOf[i] = best;
        size[best]++;
        sumLat[best] += lat; sumLon[best] += lon;
        if (lat < south[best]) south[best] = lat; else if (lat > north[best]) north[best] = lat;
        if (lon < west[best]) west[best] = lon; else if (lon > east[best]) east[best] = lon;
      }
    }

    function clusterMarker(c, lat, lon) {
      const count = size[c];
      const marker = L.marker([lat, lon], {
        title: count + ' incidents',
        icon: L.divIcon({ html: '<div><span>' + count + '</span></div>', iconSize: L.point(40, 40),
          className: 'marker-cluster marker-cluster-' + (count < 10 ? 'small' : count < 100 ? 'medium' : 'large') }),
      });
      const bounds = L.latLngBounds([south[c], west[c]], [north[c], east[c]]);
      const seed = first[c];
      marker.on('click', function () { openCluster(clusterOf[seed], bounds, marker.getLatLng()); });
      return marker;
    }

    function singleMarker(index) {
      let marker = singles.get(index);
      if (!marker) {
        marker = L.circleMarker([incidents.latitude[index], incidents.longitude[index]], {
          radius: 7, color: '#fff', weight: 1.5, fillColor: colourOf(TYPES[incidents.type[index]]), fillOpacity: 0.95,
        });
        marker.bindPopup(function () { return popupHTML(incidentAt(index)); }, POPUP_OPTIONS);
        singles.set(index, marker);
      }
      return marker;
    }

    // A click on a cluster zooms to its incidents; where they share one place (or the map can
    // zoom no further) it lists them instead, as markercluster would fan them out.
    function openCluster(c, bounds, at) {
      if (c < 0) return;
      const samePlace = south[c] === north[c] && west[c] === east[c];
      if (!samePlace && map.getZoom() < map.getMaxZoom()) {
        const zoom = Math.min(map.getBoundsZoom(bounds, false, L.point(80, 80)), map.getMaxZoom());
        if (zoom > map.getZoom()) map.fitBounds(bounds, { padding: [40, 40] });
        else map.setView(at, map.getZoom() + 1);
        return;
      }
      const members = [];
      for (let i = 0; i < incidents.count; i++) if (clusterOf[i] === c) members.push(i);
      members.sort(function (a, b) { return incidents.day[a] - incidents.day[b] || a - b; });
      const location = incidents.rows[members[0]][incidents.column.location];
      let html = '<p><b>' + members.length + ' incidents</b>' +
        (samePlace && location ? ' at ' + escapeHTML(location) : '') +
        (members.length > CLUSTER_LIST_LIMIT ? ', the first ' + CLUSTER_LIST_LIMIT + ' listed' : '') + '</p><ol>';
      members.slice(0, CLUSTER_LIST_LIMIT).forEach(function (index) {
        html += listItemHTML(incidentAt(index), '');
      });
      const list = document.createElement('div');
      list.className = 'cluster-list';
      list.innerHTML = html + '</ol>';
      list.addEventListener('click', openListed);
      list.addEventListener('keydown', openListed);
      L.popup(POPUP_OPTIONS).setLatLng(at).setContent(list).openOn(map);
    }

    // Brings the layers to the clusters in view (with a margin), clustering again first if
    // the zoom or the date range changed. Layers already drawn stay.
    function render() {
      const zoom = map.getZoom();
      const wanted = zoom + ' ' + filter.since + ' ' + filter.until + ' ' + incidents.count;
      if (wanted !== madeFor) { cluster(zoom); madeFor = wanted; }
      const view = map.getBounds().pad(0.3);
      const minLat = view.getSouth(), maxLat = view.getNorth(), minLon = view.getWest(), maxLon = view.getEast();
      const inView = new Map();
      let incidentsInView = 0;
      for (let c = 0; c < total; c++) {
        const count = size[c], lat = sumLat[c] / count, lon = sumLon[c] / count;
        if (lat < minLat || lat > maxLat || lon < minLon || lon > maxLon) continue;
        incidentsInView += count;
        const key = count === 1 ? 's' + first[c] : 'c' + first[c] + ' ' + count + ' ' + lat + ' ' + lon;
        let item = drawn.get(key);
        if (item) drawn.delete(key);
        else item = count === 1 ? singleMarker(first[c]) : clusterMarker(c, lat, lon);
        inView.set(key, item);
      }
      drawn.forEach(function (item) { layer.removeLayer(item); });
      inView.forEach(function (item) { if (!layer.hasLayer(item)) layer.addLayer(item); });
      drawn = inView;
      // For the tests: what is drawn, and at which zoom.
      const container = map.getContainer();
      container.dataset.markers = String(inView.size);
      container.dataset.drawn = String(incidentsInView);
      container.dataset.zoom = String(zoom);
    }

    // The incident's own marker where it is drawn alone, else none.
    function markerOf(index) {
      const marker = singles.get(index);
      return marker && drawn.get('s' + index) === marker ? marker : null;
    }

    return { render: render, markerOf: markerOf };
  })();
  const POPUP_OPTIONS = { maxWidth: 440, minWidth: 260 };
  const CLUSTER_LIST_LIMIT = 200;
  map.on('moveend', function () { if (incidents.count) clusters.render(); });

  // ---- Legend ----
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = function () {
    const div = L.DomUtil.create('div', 'legend');
    div.id = 'legend';
    return div;
  };
  legend.addTo(map);
  function renderLegend(counts) {
    let html = '<b>Event type</b>';
    TYPES.forEach(function (type, t) {
      html += '<div data-type="' + escapeHTML(type) + '" data-count="' + counts[t] + '"><span class="swatch" style="background:' +
        TYPE_COLOURS[type] + '"></span>' + escapeHTML(type) + ' (' + counts[t] + ')</div>';
    });
    document.getElementById('legend').innerHTML = html;
  }

  // ---- Incidents ----
  function load(data) {
    decode(data);
    const since = document.getElementById('since');
    const until = document.getElementById('until');
    const first = incidents.count ? dateOf(incidents.firstDay) : '';
    const last = incidents.count ? dateOf(incidents.firstDay + incidents.days - 1) : '';
    since.min = until.min = first;
    since.max = until.max = last;
    since.value = first;
    until.value = last;
    timeline.build();
    applyDateRange(true);
  }

  function dayOfInput(id, otherwise) {
    const value = document.getElementById(id).value;
    return /^\d{4}-\d\d-\d\d$/.test(value) ? dayNumber(value) : otherwise;
  }

  // What the reader asked is answered at once (summary, legend, chart); the map and the radius
  // list follow in the next animation frame, once for however many changes came before it
  // (a drag on the chart, a date typed), so that no brush waits for another.
  function applyDateRange(fit) {
    const since = document.getElementById('since').value;
    const until = document.getElementById('until').value;
    filter.since = dayOfInput('since', -Infinity);
    filter.until = dayOfInput('until', Infinity);
    const counts = countsBetween(filter.since, filter.until);
    const shown = counts[TYPES.length];
    const summary = document.getElementById('summary');
    summary.textContent = shown === incidents.count
      ? incidents.count + ' incidents'
      : shown + ' of ' + incidents.count + ' incidents from ' + (since || '…') + ' to ' + (until || '…');
    document.body.dataset.incidents = String(incidents.count);
    document.body.dataset.shown = String(shown);
    renderLegend(counts);
    timeline.showSelection(since, until);
    if (fit && shown > 0) {
      let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
      for (let i = 0; i < incidents.count; i++) {
        if (!isShown(i)) continue;
        const lat = incidents.latitude[i], lon = incidents.longitude[i];
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
      }
      map.fitBounds(L.latLngBounds([minLat, minLon], [maxLat, maxLon]).pad(0.15), { maxZoom: 11, animate: false });
    }
    document.body.dataset.state = 'clustering';
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(followDateRange);
    }
  }
  let frameRequested = false;
  function followDateRange() {
    frameRequested = false;
    clusters.render();
    if (state.radius) runRadiusSearch();
    document.body.dataset.state = 'ready';
    timeline.clustered();
  }

  // ---- The timeline: incidents per week, stacked by type ----
  // A week runs Monday to Sunday and is named by its Monday, as `incidentmap stats --by week`
  // names it. Days are counted from 1970-01-01 (a Thursday) in UTC, so no time zone moves a day.
  const DAY = 86400000;
  function dayNumber(date) { return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY); }
  function dateOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function mondayOf(day) { return day - ((day + 3) % 7 + 7) % 7; }
  function weekOf(date) { return mondayOf(dayNumber(date)); }
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  const timeline = (function () {
    const svg = document.getElementById('timeline-chart');
    const rangeText = document.getElementById('timeline-range');
    const playButton = document.getElementById('timeline-play');
    const SVG = 'http://www.w3.org/2000/svg';
    const LEFT = 34, TOP = 8, BOTTOM = 18;
    let weeks = [];        // Monday day numbers, first to last with none left out
    let counts = [];       // counts[week][type], and last the week's total
    let selection = null;  // [first, last] week positions, or null for all
    let playing = null;
    let g = null;          // the chart's geometry when it was drawn (reading it again costs a layout)

    function element(name, attributes, parent) {
      const node = document.createElementNS(SVG, name);
      Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
      if (parent) parent.appendChild(node);
      return node;
    }

    function build() {
      weeks = [];
      counts = [];
      if (incidents.count) {
        const last = mondayOf(incidents.firstDay + incidents.days - 1);
        for (let week = mondayOf(incidents.firstDay); week <= last; week += 7) {
          weeks.push(week);
          counts.push(countsBetween(week, week + 6));
        }
      }
      draw();
    }

    function geometry() {
      const width = Math.max(svg.clientWidth || svg.parentNode.clientWidth, 200);
      const height = Math.max(svg.clientHeight, 60);
      return { width: width, height: height, bar: (width - LEFT - 4) / Math.max(weeks.length, 1), plot: height - TOP - BOTTOM };
    }

    function draw() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      g = geometry();
      if (!weeks.length) { element('text', { x: LEFT, y: 20, class: 'axis' }, svg).textContent = 'No incidents'; return; }
      const totals = counts.map(function (c) { return c[TYPES.length]; });
      const most = Math.max.apply(null, totals.concat([1]));
      element('text', { x: LEFT - 4, y: TOP + 8, class: 'axis', 'text-anchor': 'end' }, svg).textContent = String(most);
      element('text', { x: LEFT - 4, y: TOP + g.plot, class: 'axis', 'text-anchor': 'end' }, svg).textContent = '0';
      element('line', { x1: LEFT, x2: g.width - 4, y1: TOP + g.plot + 0.5, y2: TOP + g.plot + 0.5, class: 'baseline' }, svg);
      // Built apart and added at once: one layout for the whole chart.
      const bars = document.createElementNS(SVG, 'g');
      bars.setAttribute('class', 'bars');
      weeks.forEach(function (week, w) {
        const group = element('g', { class: 'week', 'data-week': dateOf(week), 'data-count': totals[w] }, bars);
        element('title', {}, group).textContent = 'Week of ' + dateOf(week) + ': ' + totals[w] + ' incident' + (totals[w] === 1 ? '' : 's');
        let y = TOP + g.plot;
        TYPES.forEach(function (type, t) {
          if (!counts[w][t]) return;
          const h = counts[w][t] / most * g.plot;
          y -= h;
          element('rect', { x: LEFT + w * g.bar + (g.bar > 4 ? 0.5 : 0), y: y, width: Math.max(g.bar - (g.bar > 4 ? 1 : 0), 0.5),
            height: h, fill: TYPE_COLOURS[type] }, group);
        });
      });
      svg.appendChild(bars);
      drawTicks();
      // The weeks outside the selection are veiled by two rectangles, not restyled one by one:
      // a brush then changes four attributes, whatever the number of weeks.
      element('rect', { id: 'timeline-before', x: LEFT, y: TOP, width: 0, height: g.plot, class: 'veil' }, svg);
      element('rect', { id: 'timeline-after', x: LEFT, y: TOP, width: 0, height: g.plot, class: 'veil' }, svg);
      element('rect', { id: 'timeline-selection', x: 0, y: TOP, width: 0, height: g.plot, class: 'selection' }, svg);
      showSelection(document.getElementById('since').value, document.getElementById('until').value);
    }

    // Month (or year) ticks under the bars, as many as fit.
    function drawTicks() {
      const spacing = 46;
      let lastX = -Infinity;
      const byYear = weeks.length * g.bar / (weeks.length / 52) < spacing * 6;
      weeks.forEach(function (week, w) {
        const date = dateOf(week);
        const previous = w ? dateOf(weeks[w - 1]) : '';
        const newMonth = !previous || previous.slice(0, 7) !== date.slice(0, 7);
        const newYear = !previous || previous.slice(0, 4) !== date.slice(0, 4);
        if (!(byYear ? newYear : newMonth) && weeks.length > 8) return;
        const x = LEFT + w * g.bar;
        if (x - lastX < spacing) return;
        lastX = x;
        const label = weeks.length <= 8 ? MONTHS[+date.slice(5, 7) - 1] + ' ' + +date.slice(8, 10)
          : byYear ? date.slice(0, 4) : MONTHS[+date.slice(5, 7) - 1] + (newYear || w === 0 ? ' ' + date.slice(0, 4) : '');
        element('line', { x1: x, x2: x, y1: TOP + g.plot, y2: TOP + g.plot + 4, class: 'tick' }, svg);
        element('text', { x: x + 2, y: g.height - 4, class: 'axis' }, svg).textContent = label;
      });
    }

    function weekAt(clientX) {
      const x = clientX - svg.getBoundingClientRect().left - LEFT;
      return Math.min(Math.max(Math.floor(x / g.bar), 0), weeks.length - 1);
    }

    // The selection from the date range: the weeks it touches.
    function showSelection(since, until) {
      if (!document.getElementById('timeline-selection') || !weeks.length) return;
      const first = since ? Math.max(0, Math.floor((weekOf(since) - weeks[0]) / 7)) : 0;
      const last = until ? Math.min(weeks.length - 1, Math.floor((weekOf(until) - weeks[0]) / 7)) : weeks.length - 1;
      const all = (!since || since <= dateOf(weeks[0])) && (!until || until >= dateOf(weeks[weeks.length - 1] + 6));
      selection = all ? null : [first, last];
      paint(selection, since, until);
    }

    function paint(span, since, until, count) {
      const end = LEFT + weeks.length * g.bar;
      const from = span ? LEFT + span[0] * g.bar : LEFT, to = span ? LEFT + (span[1] + 1) * g.bar : LEFT;
      const set = function (id, x, width) {
        const rect = document.getElementById(id);
        rect.setAttribute('x', x);
        rect.setAttribute('width', Math.max(width, 0));
      };
      set('timeline-selection', from, to - from);
      set('timeline-before', LEFT, span ? from - LEFT : 0);
      set('timeline-after', to, span ? end - to : 0);
      const first = since || dateOf(weeks[0]), last = until || dateOf(weeks[weeks.length - 1] + 6);
      const shown = count === undefined ? document.body.dataset.shown : count;
      rangeText.textContent = span ? first + ' to ' + last + ': ' + shown + ' incident' + (shown == 1 ? '' : 's')
        : 'All weeks: drag across the chart to choose some';
    }

    // While dragging, the count of whole weeks: the same number the date range gives once the
    // drag ends. Painted once per animation frame, however many moves the pointer reports.
    function paintWeeks(from, to) {
      const span = [Math.min(from, to), Math.max(from, to)];
      const first = weeks[span[0]], last = weeks[span[1]] + 6;
      paint(span, dateOf(first), dateOf(last), countsBetween(first, last)[TYPES.length]);
    }
    let pendingMove = null;
    function paintPendingMove() {
      if (pendingMove !== null && dragFrom !== null) paintWeeks(dragFrom, pendingMove);
      pendingMove = null;
    }

    // Choosing weeks sets the date range, which filters the map, the legend and the radius list.
    function choose(first, last) {
      const from = Math.min(first, last), to = Math.max(first, last);
      document.getElementById('since').value = dateOf(weeks[from]);
      document.getElementById('until').value = dateOf(weeks[to] + 6);
      applyDateRange(false);
    }

    let dragFrom = null;
    svg.addEventListener('pointerdown', function (event) {
      if (!weeks.length) return;
      stop();
      dragFrom = weekAt(event.clientX);
      svg.setPointerCapture(event.pointerId);
      paintWeeks(dragFrom, dragFrom);
    });
    svg.addEventListener('pointermove', function (event) {
      if (dragFrom === null) return;
      if (pendingMove === null) requestAnimationFrame(paintPendingMove);
      pendingMove = weekAt(event.clientX);
    });
    svg.addEventListener('pointerup', function (event) {
      if (dragFrom === null) return;
      const from = dragFrom;
      dragFrom = null;
      choose(from, weekAt(event.clientX));
    });

    // Play: one week at a time, the next once the map shows the last.
    function step(week) {
      if (playing === null) return;
      if (week >= weeks.length) { stop(); return; }
      playing = week;
      choose(week, week);
    }
    function clustered() {
      if (playing !== null) setTimeout(function () { step(playing + 1); }, 700);
    }
    function stop() {
      playing = null;
      playButton.textContent = '▶ Play';
      playButton.setAttribute('aria-pressed', 'false');
    }
    playButton.addEventListener('click', function () {
      if (playing !== null) { stop(); return; }
      if (!weeks.length) return;
      playButton.textContent = '❚❚ Pause';
      playButton.setAttribute('aria-pressed', 'true');
      const start = selection && selection[0] === selection[1] && selection[1] < weeks.length - 1 ? selection[1] + 1 : 0;
      playing = start;
      step(start);
    });
    window.addEventListener('resize', function () { if (weeks.length) draw(); });
    return { build: build, showSelection: showSelection, clustered: clustered };
  })();



  // ---- Popups ----
  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
  function textHTML(text) {
    // Arabic is shown right to left, and marked as Arabic for fonts and screen readers.
    return ARABIC.test(text) ? '<span lang="ar" dir="rtl">' + escapeHTML(text) + '</span>' : escapeHTML(text);
  }

  // The sentence with its place and trigger marked. Offsets count Unicode code points, as
  // the store does: Array.from splits a string into code points, not UTF-16 units.
  function evidenceHTML(span) {
    const chars = Array.from(span.text);
    const marks = (span.highlights || []).map(function (h) {
      return { kind: h.kind, start: h.start - span.start, end: h.end - span.start };
    }).filter(function (h) { return h.start >= 0 && h.end <= chars.length && h.start < h.end; })
      .sort(function (a, b) { return a.start - b.start; });
    let html = '';
    let at = 0;
    marks.forEach(function (h) {
      if (h.start < at) return; // overlapping marks: keep the first
      html += escapeHTML(chars.slice(at, h.start).join(''));
      html += '<mark class="' + h.kind + '" title="' + h.kind + '">' + escapeHTML(chars.slice(h.start, h.end).join('')) + '</mark>';
      at = h.end;
    });
    html += escapeHTML(chars.slice(at).join(''));
    const arabic = ARABIC.test(span.text);
    return '<blockquote dir="' + (arabic ? 'rtl' : 'ltr') + '"' + (arabic ? ' lang="ar"' : '') + '>' + html + '</blockquote>' +
      (span.source ? '<p class="meta">— ' + escapeHTML(span.source) + ', characters ' + span.start + '–' + span.end + '</p>' : '');
  }

  function popupHTML(incident) {
    let html = '<div class="incident" data-id="' + escapeHTML(incident.event_id_cnty) + '">';
    html += '<h3><span class="swatch" style="background:' + colourOf(incident.event_type) + '"></span>' +
      escapeHTML(incident.event_type) + (incident.sub_event_type ? ' — ' + escapeHTML(incident.sub_event_type) : '') + '</h3>';
    html += '<p class="when"><b>' + escapeHTML(incident.event_date) + '</b> <span class="meta">(' +
      escapeHTML(TIME_PRECISION[incident.time_precision] || 'precision ' + incident.time_precision) + ')</span></p>';
    html += '<p class="where">' + escapeHTML(incident.location || 'unnamed place') +
      (incident.location_ar ? ' · <span lang="ar" dir="rtl">' + escapeHTML(incident.location_ar) + '</span>' : '') +
      (incident.admin1 ? ', ' + escapeHTML(incident.admin1) : '') +
      ' <span class="meta">(' + escapeHTML(GEO_PRECISION[incident.geo_precision] || '') + ')</span></p>';
    const actors = [incident.actor1, incident.actor2].filter(Boolean);
    if (actors.length) html += '<p class="who">' + actors.map(textHTML).join(' <span class="meta">vs</span> ') + '</p>';
    if (incident.fatalities > 0) html += '<p class="fatalities">Fatalities: ' + incident.fatalities + '</p>';
    (incident.evidence || []).forEach(function (span) { html += evidenceHTML(span); });
    if (!incident.evidence && incident.notes) html += '<p class="notes">' + textHTML(incident.notes) + '</p>';
    const sources = incident.source ? incident.source : '';
    const urls = incident.source_url ? String(incident.source_url).split(/\s*;\s*/).filter(Boolean) : [];
    if (sources || urls.length) {
      html += '<p class="source">Source: ' + textHTML(sources);
      urls.forEach(function (url) {
        if (/^https?:\/\//i.test(url)) {
          html += ' <a href="' + escapeHTML(url) + '" target="_blank" rel="noopener noreferrer">' + escapeHTML(url) + '</a>';
        }
      });
      html += '</p>';
    }
    html += '<p class="meta">' + escapeHTML(incident.event_id_cnty) + '</p></div>';
    return html;
  }


  // Opens an incident's popup from a list: on its own marker where it is drawn alone, else at its
  // place; the map moves there, zoomed in to a town's scale if it was further out.
  function openIncident(id) {
    const index = incidents.byID.get(id);
    if (index === undefined) return;
    const at = L.latLng(incidents.latitude[index], incidents.longitude[index]);
    if (map.getZoom() < 11) map.setView(at, 11, { animate: false });
    else if (!map.getBounds().contains(at)) map.panTo(at, { animate: false });
    const marker = clusters.markerOf(index);
    if (marker) marker.openPopup();
    else L.popup(POPUP_OPTIONS).setLatLng(at).setContent(popupHTML(incidentAt(index))).openOn(map);
  }
  function openListed(event) {
    if (event.type === 'keydown' && event.key !== 'Enter') return;
    const item = event.target.closest('li[data-id]');
    if (item) openIncident(item.dataset.id);
  }

  // ---- Radius search ----
  // Geodesic distance on the WGS84 ellipsoid by Vincenty's inverse formula, written here
  // because Debian packages no geodesic library for the browser. It agrees with Karney's
  // algorithm (what `incidentmap near` uses, from PROJ) to well under a millimetre for points
  // less than about 19,000 km apart; only nearly antipodal points fail to converge, and those
  // are never inside a radius search's circle.
  const WGS84_A = 6378137, WGS84_F = 1 / 298.257223563, WGS84_B = WGS84_A * (1 - WGS84_F);
  function geodesicMetres(lat1, lon1, lat2, lon2) {
    const rad = Math.PI / 180;
    const L0 = (lon2 - lon1) * rad;
    const U1 = Math.atan((1 - WGS84_F) * Math.tan(lat1 * rad));
    const U2 = Math.atan((1 - WGS84_F) * Math.tan(lat2 * rad));
    const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
    let lambda = L0, previous, iterations = 0;
    let sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM;
    do {
      const sinLambda = Math.sin(lambda), cosLambda = Math.cos(lambda);
      sinSigma = Math.sqrt((cosU2 * sinLambda) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) ** 2);
      if (sinSigma === 0) return 0;
      cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
      sigma = Math.atan2(sinSigma, cosSigma);
      const sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
      cos2Alpha = 1 - sinAlpha * sinAlpha;
      cos2SigmaM = cos2Alpha !== 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
      const C = WGS84_F / 16 * cos2Alpha * (4 + WGS84_F * (4 - 3 * cos2Alpha));
      previous = lambda;
      lambda = L0 + (1 - C) * WGS84_F * sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    } while (Math.abs(lambda - previous) > 1e-13 && ++iterations < 200);
    if (iterations >= 200) return NaN;
    const u2 = cos2Alpha * (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);
    const A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    const B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    const deltaSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
      B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return WGS84_B * A * (sigma - deltaSigma);
  }
  // A cheap spherical distance, to skip incidents far outside the circle before the exact
  // one: the sphere and the ellipsoid differ by less than 0.6%.
  function sphericalMetres(lat1, lon1, lat2, lon2) {
    const rad = Math.PI / 180;
    const dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function readRadiusForm() {
    const lat = Number(document.getElementById('radius-lat').value);
    const lon = Number(document.getElementById('radius-lon').value);
    const km = Number(document.getElementById('radius-km').value);
    const problems = [];
    if (!(document.getElementById('radius-lat').value.trim() !== '' && lat >= -90 && lat <= 90)) problems.push('latitude must be between -90 and 90');
    if (!(document.getElementById('radius-lon').value.trim() !== '' && lon >= -180 && lon <= 180)) problems.push('longitude must be between -180 and 180');
    if (!(km > 0)) problems.push('the radius must be more than 0 km');
    return { lat: lat, lon: lon, km: km, problems: problems };
  }

  const LIST_LIMIT = 1000;
  function listItemHTML(incident, lead, distance) {
    return '<li data-id="' + escapeHTML(incident.event_id_cnty) + '"' + (distance === undefined ? '' : ' data-distance="' + distance + '"') +
      ' tabindex="0">' + lead + escapeHTML(incident.event_date) + ' · ' + escapeHTML(incident.event_type) +
      ' · ' + escapeHTML(incident.location || '') + '</li>';
  }

  // `listed` holds the nearest hits, at most LIST_LIMIT, as { incident, distance }: a list of
  // tens of thousands of lines would stall the page for seconds, the count says how many there are.
  function showRadius(centre, km, total, listed, note) {
    if (state.radiusLayer) map.removeLayer(state.radiusLayer);
    state.radiusLayer = L.layerGroup([
      L.circle([centre.lat, centre.lon], { radius: km * 1000, color: '#333', weight: 2, dashArray: '6 4', fill: true, fillOpacity: 0.06, interactive: false }),
      L.circleMarker([centre.lat, centre.lon], { radius: 4, color: '#000', fillColor: '#000', fillOpacity: 1, interactive: false }),
    ]).addTo(map);
    const box = document.getElementById('radius-results');
    let html = '<p id="radius-summary">' + total + ' incident' + (total === 1 ? '' : 's') + ' within ' + km +
      ' km of ' + centre.lat.toFixed(5) + ', ' + centre.lon.toFixed(5) + (note ? ' ' + note : '') +
      (total > LIST_LIMIT ? '; the nearest ' + LIST_LIMIT + ' listed' : '') + '</p><ol>';
    listed.forEach(function (hit) {
      html += listItemHTML(hit.incident, (hit.distance / 1000).toFixed(2) + ' km · ', hit.distance);
    });
    box.innerHTML = html + '</ol>';
    document.body.dataset.radiusState = 'done';
  }

  // Every incident inside the circle, nearest first; at the same distance in stored order, as
  // `incidentmap near` lists them. Measured once per circle: a brush then only keeps the hits
  // of its dates.
  function radiusHits(form) {
    const cached = state.radiusHits;
    if (cached && cached.lat === form.lat && cached.lon === form.lon && cached.km === form.km && cached.rows === incidents.rows) {
      return cached.hits;
    }
    const metres = form.km * 1000, hits = [];
    for (let i = 0; i < incidents.count; i++) {
      const lat = incidents.latitude[i], lon = incidents.longitude[i];
      if (sphericalMetres(form.lat, form.lon, lat, lon) > metres * 1.01 + 1) continue;
      const distance = geodesicMetres(form.lat, form.lon, lat, lon);
      if (distance <= metres) hits.push({ index: i, distance: distance });
    }
    hits.sort(function (a, b) { return a.distance - b.distance || a.index - b.index; });
    state.radiusHits = { lat: form.lat, lon: form.lon, km: form.km, rows: incidents.rows, hits: hits };
    return hits;
  }

  function runRadiusSearch() {
    const form = readRadiusForm();
    const box = document.getElementById('radius-results');
    if (form.problems.length) {
      box.innerHTML = '<p class="error">' + escapeHTML(form.problems.join('; ')) + '</p>';
      document.body.dataset.radiusState = 'error';
      return;
    }
    state.radius = form;
    document.body.dataset.radiusState = 'searching';
    const metres = form.km * 1000;
    if (live) {
      // The server answers with `incidentmap near`'s own code.
      const url = config.apiBase + '/near?lat=' + encodeURIComponent(form.lat) + '&lon=' + encodeURIComponent(form.lon) +
        '&radius=' + encodeURIComponent(metres + 'm');
      fetch(url).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.error || response.statusText);
          return body;
        });
      }).then(function (collection) {
        const since = document.getElementById('since').value, until = document.getElementById('until').value;
        const hits = collection.features.map(function (feature) {
          const index = incidents.byID.get(feature.id);
          const incident = index === undefined ? feature.properties : incidentAt(index);
          return { incident: incident, distance: feature.properties.distance_m };
        }).filter(function (hit) {
          return !(since && hit.incident.event_date < since) && !(until && hit.incident.event_date > until);
        });
        showRadius(form, form.km, hits.length, hits.slice(0, LIST_LIMIT), '(dates ' + (since || '…') + ' to ' + (until || '…') + ')');
      }).catch(function (error) {
        box.innerHTML = '<p class="error">Radius search failed: ' + escapeHTML(error.message) + '</p>';
        document.body.dataset.radiusState = 'error';
      });
      return;
    }
    const hits = radiusHits(form).filter(function (hit) { return isShown(hit.index); });
    const listed = hits.slice(0, LIST_LIMIT).map(function (hit) { return { incident: incidentAt(hit.index), distance: hit.distance }; });
    const all = countsBetween(filter.since, filter.until)[TYPES.length] === incidents.count;
    showRadius(form, form.km, hits.length, listed, all ? '' : '(in the date range)');
  }

  map.on('click', function (event) {
    const latlng = event.latlng.wrap();
    document.getElementById('radius-lat').value = latlng.lat.toFixed(6);
    document.getElementById('radius-lon').value = latlng.lng.toFixed(6);
    runRadiusSearch();
  });
  document.getElementById('radius-form').addEventListener('submit', function (event) {
    event.preventDefault();
    runRadiusSearch();
  });
  document.getElementById('radius-clear').addEventListener('click', function () {
    state.radius = null;
    if (state.radiusLayer) map.removeLayer(state.radiusLayer);
    state.radiusLayer = null;
    document.getElementById('radius-results').innerHTML = '';
  });
  document.getElementById('radius-results').addEventListener('click', openListed);
  document.getElementById('radius-results').addEventListener('keydown', openListed);
  ['since', 'until'].forEach(function (id) {
    document.getElementById(id).addEventListener('change', function () { applyDateRange(false); });
  });
  document.getElementById('timeline-all').addEventListener('click', function () {
    document.getElementById('all-dates').click();
  });
  document.getElementById('all-dates').addEventListener('click', function () {
    document.getElementById('since').value = document.getElementById('since').min;
    document.getElementById('until').value = document.getElementById('until').max;
    applyDateRange(false);
  });

  function fail(message) {
    document.getElementById('summary').innerHTML = '<span class="error">' + escapeHTML(message) + '</span>';
    document.body.dataset.state = 'error';
  }

  if (live) {
    fetch(config.apiBase + '/incidents?format=rows').then(function (response) {
      if (!response.ok) throw new Error('the server answered ' + response.status);
      return response.json();
    }).then(function (data) { load(data); })
      .catch(function (error) { fail('Could not load incidents: ' + error.message); });
  } else {
    try {
      load(readJSON('incidentmap-data'));
    } catch (error) {
      fail('Could not read the incidents in this page: ' + error.message);
    }
  }
})();
