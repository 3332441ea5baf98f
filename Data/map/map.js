// incidentmap's map page: the same script for `incidentmap map` (incidents inlined in the page,
// which then works from disk with no network) and `incidentmap serve` (incidents read from the
// HTTP API). Leaflet and Leaflet.markercluster are inlined before it.
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

  const state = {
    incidents: [],   // every incident the page holds
    markers: [],     // one per incident, same order
    byID: new Map(), // event id -> index
    shown: [],       // indices inside the date range
    radiusLayer: null,
  };

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

  const cluster = L.markerClusterGroup({
    chunkedLoading: true, chunkInterval: 100, showCoverageOnHover: false, maxClusterRadius: 45,
    spiderfyOnMaxZoom: true,
    // The page is ready for its reader once the last chunk of markers is clustered.
    chunkProgress: function (processed, total) { if (processed >= total) clustered(); },
  });
  let onClustered = null;
  function clustered() {
    if (onClustered) { const callback = onClustered; onClustered = null; callback(); }
  }
  map.addLayer(cluster);

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
  const TYPES = Object.keys(TYPE_COLOURS);
  function colourOf(type) { return TYPE_COLOURS[type] || '#555'; }

  function load(data) {
    const columns = data.columns;
    state.incidents = data.rows.map(function (row) {
      const incident = {};
      for (let c = 0; c < columns.length; c++) incident[columns[c]] = row[c];
      return incident;
    });
    state.byID = new Map();
    state.markers = state.incidents.map(function (incident, index) {
      state.byID.set(incident.event_id_cnty, index);
      // The week and type as numbers, once: a brush then counts 100,000 incidents in a few ms.
      incident.week = weekOf(incident.event_date);
      incident.typeIndex = TYPES.indexOf(incident.event_type);
      const marker = L.circleMarker([incident.latitude, incident.longitude], {
        radius: 7, color: '#fff', weight: 1.5, fillColor: colourOf(incident.event_type), fillOpacity: 0.95,
      });
      marker.incidentIndex = index;
      marker.bindPopup(function () { return popupHTML(incident); }, { maxWidth: 440, minWidth: 260 });
      return marker;
    });
    let first = '', last = '';
    state.incidents.forEach(function (incident) {
      if (!first || incident.event_date < first) first = incident.event_date;
      if (!last || incident.event_date > last) last = incident.event_date;
    });
    const since = document.getElementById('since');
    const until = document.getElementById('until');
    since.min = until.min = first;
    since.max = until.max = last;
    since.value = first;
    until.value = last;
    timeline.build();
    applyDateRange(true);
  }

  function applyDateRange(fit) {
    const since = document.getElementById('since').value;
    const until = document.getElementById('until').value;
    state.shown = [];
    const counts = TYPES.map(function () { return 0; });
    state.incidents.forEach(function (incident, index) {
      if ((since && incident.event_date < since) || (until && incident.event_date > until)) return;
      state.shown.push(index);
      if (incident.typeIndex >= 0) counts[incident.typeIndex]++;
    });
    // What the reader asked is answered at once (counts, legend, list, chart); the markers
    // follow in chunks, so that the page never stops answering while they are re-clustered.
    const summary = document.getElementById('summary');
    summary.textContent = state.shown.length === state.incidents.length
      ? state.incidents.length + ' incidents'
      : state.shown.length + ' of ' + state.incidents.length + ' incidents from ' + (since || '…') + ' to ' + (until || '…');
    document.body.dataset.incidents = String(state.incidents.length);
    document.body.dataset.shown = String(state.shown.length);
    renderLegend(counts);
    timeline.showSelection(since, until);
    if (state.radius) runRadiusSearch();
    document.body.dataset.state = 'clustering';
    // After this frame is drawn: the answer shows before the markers start moving.
    setTimeout(syncClusters, 0);
    if (fit && state.shown.length > 0) {
      const bounds = L.latLngBounds(state.shown.map(function (index) { return state.markers[index].getLatLng(); }));
      map.fitBounds(bounds.pad(0.15), { maxZoom: 11 });
    }
  }

  // Brings the clustered markers to the shown incidents. One change at a time: a brush made
  // while markers are still moving is applied when they are done, from where they then are.
  let syncing = false, syncAgain = false;
  const REMOVAL_CHUNK = 4000;
  function syncClusters() {
    if (syncing) { syncAgain = true; return; }
    syncing = true;
    const inside = new Uint8Array(state.incidents.length);
    state.shown.forEach(function (index) { inside[index] = 1; });
    let entering = [], leaving = [];
    state.markers.forEach(function (marker, index) {
      if (inside[index] && !marker.inCluster) entering.push(marker);
      if (!inside[index] && marker.inCluster) leaving.push(marker);
    });
    // Taking a marker out costs about what putting one in does: when more leave than stay,
    // the clusters are built afresh from those that stay.
    if (leaving.length > state.shown.length) {
      cluster.clearLayers();
      state.markers.forEach(function (marker) { marker.inCluster = false; });
      leaving = [];
      entering = state.shown.map(function (index) { return state.markers[index]; });
    }
    function remove(from) {
      const chunk = leaving.slice(from, from + REMOVAL_CHUNK);
      chunk.forEach(function (marker) { marker.inCluster = false; });
      if (chunk.length) cluster.removeLayers(chunk);
      if (from + REMOVAL_CHUNK < leaving.length) setTimeout(function () { remove(from + REMOVAL_CHUNK); }, 0);
      else add();
    }
    function add() {
      entering.forEach(function (marker) { marker.inCluster = true; });
      onClustered = done;
      if (entering.length) cluster.addLayers(entering); else clustered();
    }
    function done() {
      syncing = false;
      if (syncAgain) { syncAgain = false; syncClusters(); return; }
      document.body.dataset.state = 'ready';
      timeline.clustered();
    }
    remove(0);
  }

  // ---- The timeline: incidents per week, stacked by type ----
  // A week runs Monday to Sunday and is named by its Monday, as `incidentmap stats --by week`
  // names it. Days are counted from 1970-01-01 (a Thursday) in UTC, so no time zone moves a day.
  const DAY = 86400000;
  function dayNumber(date) { return Math.floor(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY); }
  function dateOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function weekOf(date) { const day = dayNumber(date); return day - ((day + 3) % 7 + 7) % 7; }
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  const timeline = (function () {
    const svg = document.getElementById('timeline-chart');
    const rangeText = document.getElementById('timeline-range');
    const playButton = document.getElementById('timeline-play');
    const SVG = 'http://www.w3.org/2000/svg';
    const LEFT = 34, TOP = 8, BOTTOM = 18;
    let weeks = [];        // Monday day numbers, first to last with none left out
    let counts = [];       // counts[week][type]
    let selection = null;  // [first, last] week positions, or null for all
    let playing = null;

    function element(name, attributes, parent) {
      const node = document.createElementNS(SVG, name);
      Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
      if (parent) parent.appendChild(node);
      return node;
    }

    function build() {
      weeks = [];
      counts = [];
      if (!state.incidents.length) { draw(); return; }
      let first = Infinity, last = -Infinity;
      state.incidents.forEach(function (incident) {
        if (incident.week < first) first = incident.week;
        if (incident.week > last) last = incident.week;
      });
      for (let week = first; week <= last; week += 7) { weeks.push(week); counts.push(TYPES.map(function () { return 0; })); }
      state.incidents.forEach(function (incident) {
        if (incident.typeIndex >= 0) counts[(incident.week - first) / 7][incident.typeIndex]++;
      });
      draw();
    }

    function geometry() {
      const width = Math.max(svg.clientWidth || svg.parentNode.clientWidth, 200);
      const height = Math.max(svg.clientHeight, 60);
      return { width: width, height: height, bar: (width - LEFT - 4) / Math.max(weeks.length, 1), plot: height - TOP - BOTTOM };
    }

    function draw() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const g = geometry();
      if (!weeks.length) { element('text', { x: LEFT, y: 20, class: 'axis' }, svg).textContent = 'No incidents'; return; }
      const totals = counts.map(function (c) { return c.reduce(function (a, b) { return a + b; }, 0); });
      const most = Math.max.apply(null, totals.concat([1]));
      element('text', { x: LEFT - 4, y: TOP + 8, class: 'axis', 'text-anchor': 'end' }, svg).textContent = String(most);
      element('text', { x: LEFT - 4, y: TOP + g.plot, class: 'axis', 'text-anchor': 'end' }, svg).textContent = '0';
      element('line', { x1: LEFT, x2: g.width - 4, y1: TOP + g.plot + 0.5, y2: TOP + g.plot + 0.5, class: 'baseline' }, svg);
      const bars = element('g', { class: 'bars' }, svg);
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
      drawTicks(g);
      element('rect', { id: 'timeline-selection', x: 0, y: TOP, width: 0, height: g.plot, class: 'selection' }, svg);
      showSelection(document.getElementById('since').value, document.getElementById('until').value);
    }

    // Month (or year) ticks under the bars, as many as fit.
    function drawTicks(g) {
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
      const g = geometry();
      const x = clientX - svg.getBoundingClientRect().left - LEFT;
      return Math.min(Math.max(Math.floor(x / g.bar), 0), weeks.length - 1);
    }

    // The selection from the date range: the weeks it touches.
    function showSelection(since, until) {
      const rect = document.getElementById('timeline-selection');
      if (!rect || !weeks.length) return;
      const first = since ? Math.max(0, Math.floor((weekOf(since) - weeks[0]) / 7)) : 0;
      const last = until ? Math.min(weeks.length - 1, Math.floor((weekOf(until) - weeks[0]) / 7)) : weeks.length - 1;
      const all = (!since || since <= dateOf(weeks[0])) && (!until || until >= dateOf(weeks[weeks.length - 1] + 6));
      selection = all ? null : [first, last];
      paint(selection, since, until);
    }

    function paint(span, since, until, count) {
      const rect = document.getElementById('timeline-selection');
      const g = geometry();
      rect.setAttribute('x', span ? LEFT + span[0] * g.bar : 0);
      rect.setAttribute('width', span ? (span[1] - span[0] + 1) * g.bar : 0);
      svg.querySelectorAll('g.week').forEach(function (node, w) {
        node.classList.toggle('outside', !!span && (w < span[0] || w > span[1]));
      });
      const from = since || dateOf(weeks[0]), to = until || dateOf(weeks[weeks.length - 1] + 6);
      const shown = count === undefined ? document.body.dataset.shown : count;
      rangeText.textContent = span ? from + ' to ' + to + ': ' + shown + ' incident' + (shown == 1 ? '' : 's')
        : 'All weeks: drag across the chart to choose some';
    }

    // While dragging, the count comes from the chart's own weekly counts: whole weeks, so the
    // same number the date range gives once the drag ends.
    function inWeeks(first, last) {
      let total = 0;
      for (let w = first; w <= last; w++) total += counts[w].reduce(function (a, b) { return a + b; }, 0);
      return total;
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
      paint([dragFrom, dragFrom], dateOf(weeks[dragFrom]), dateOf(weeks[dragFrom] + 6), inWeeks(dragFrom, dragFrom));
    });
    svg.addEventListener('pointermove', function (event) {
      if (dragFrom === null) return;
      const at = weekAt(event.clientX);
      const span = [Math.min(dragFrom, at), Math.max(dragFrom, at)];
      paint(span, dateOf(weeks[span[0]]), dateOf(weeks[span[1]] + 6), inWeeks(span[0], span[1]));
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

  function openIncident(id) {
    const index = state.byID.get(id);
    if (index === undefined) return;
    const marker = state.markers[index];
    cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
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
  function showRadius(centre, km, hits, note) {
    if (state.radiusLayer) map.removeLayer(state.radiusLayer);
    state.radiusLayer = L.layerGroup([
      L.circle([centre.lat, centre.lon], { radius: km * 1000, color: '#333', weight: 2, dashArray: '6 4', fill: true, fillOpacity: 0.06, interactive: false }),
      L.circleMarker([centre.lat, centre.lon], { radius: 4, color: '#000', fillColor: '#000', fillOpacity: 1, interactive: false }),
    ]).addTo(map);
    const box = document.getElementById('radius-results');
    let html = '<p id="radius-summary">' + hits.length + ' incident' + (hits.length === 1 ? '' : 's') + ' within ' + km +
      ' km of ' + centre.lat.toFixed(5) + ', ' + centre.lon.toFixed(5) + (note ? ' ' + note : '') +
      (hits.length > LIST_LIMIT ? '; the nearest ' + LIST_LIMIT + ' listed' : '') + '</p><ol>';
    // A list of tens of thousands of lines would stall the page for seconds: the nearest
    // LIST_LIMIT are listed, the count says how many there are.
    hits.slice(0, LIST_LIMIT).forEach(function (hit) {
      const incident = hit.incident;
      html += '<li data-id="' + escapeHTML(incident.event_id_cnty) + '" data-distance="' + hit.distance + '" tabindex="0">' +
        (hit.distance / 1000).toFixed(2) + ' km · ' + escapeHTML(incident.event_date) + ' · ' + escapeHTML(incident.event_type) +
        ' · ' + escapeHTML(incident.location || '') + '</li>';
    });
    box.innerHTML = html + '</ol>';
    document.body.dataset.radiusState = 'done';
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
          const index = state.byID.get(feature.id);
          const incident = index === undefined ? feature.properties : state.incidents[index];
          return { incident: incident, distance: feature.properties.distance_m };
        }).filter(function (hit) {
          return !(since && hit.incident.event_date < since) && !(until && hit.incident.event_date > until);
        });
        showRadius(form, form.km, hits, '(dates ' + (since || '…') + ' to ' + (until || '…') + ')');
      }).catch(function (error) {
        box.innerHTML = '<p class="error">Radius search failed: ' + escapeHTML(error.message) + '</p>';
        document.body.dataset.radiusState = 'error';
      });
      return;
    }
    const hits = [];
    state.shown.forEach(function (index) {
      const incident = state.incidents[index];
      if (sphericalMetres(form.lat, form.lon, incident.latitude, incident.longitude) > metres * 1.01 + 1) return;
      const distance = geodesicMetres(form.lat, form.lon, incident.latitude, incident.longitude);
      if (distance <= metres) hits.push({ incident: incident, distance: distance, index: index });
    });
    // Nearest first; at the same distance in stored order, as `incidentmap near` lists them
    // (the page holds the incidents in stored order).
    hits.sort(function (a, b) { return a.distance - b.distance || a.index - b.index; });
    const all = state.shown.length === state.incidents.length;
    showRadius(form, form.km, hits, all ? '' : '(in the date range)');
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
  document.getElementById('radius-results').addEventListener('click', function (event) {
    const item = event.target.closest('li[data-id]');
    if (item) openIncident(item.dataset.id);
  });
  document.getElementById('radius-results').addEventListener('keydown', function (event) {
    const item = event.target.closest('li[data-id]');
    if (item && event.key === 'Enter') openIncident(item.dataset.id);
  });
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
