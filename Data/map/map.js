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
  const map = L.map('map', { preferCanvas: true, worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 18 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Natural Earth · GeoNames · incidentmap');
  const basemap = readJSON('incidentmap-basemap');
  if (basemap) {
    L.geoJSON(basemap, {
      interactive: false,
      style: function (feature) {
        const home = feature.properties && feature.properties.iso_a3 === 'LBY';
        return { color: '#8c8c8c', weight: 1, fillColor: home ? '#f6f1e3' : '#e8e8e4', fillOpacity: 1 };
      },
    }).addTo(map);
  }
  const labels = L.layerGroup().addTo(map);
  (config.places || []).forEach(function (place) {
    const marker = L.circleMarker([place.lat, place.lon], {
      radius: place.major ? 3 : 2, color: '#444', weight: 1, fillColor: '#fff', fillOpacity: 1, interactive: false,
    });
    const name = place.name_ar ? place.name + ' · ' + place.name_ar : place.name;
    marker.bindTooltip(escapeHTML(name), {
      permanent: true, direction: 'right', offset: [3, 0],
      className: 'place-label' + (place.major ? '' : ' minor'),
    });
    labels.addLayer(marker);
  });
  function updateLabelDensity() {
    map.getContainer().classList.toggle('minor-places-hidden', map.getZoom() < 8);
  }
  map.on('zoomend', updateLabelDensity);
  map.setView([config.view.lat, config.view.lon], config.view.zoom);
  updateLabelDensity();

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
  function renderLegend() {
    const counts = {};
    state.shown.forEach(function (i) {
      const type = state.incidents[i].event_type;
      counts[type] = (counts[type] || 0) + 1;
    });
    let html = '<b>Event type</b>';
    Object.keys(TYPE_COLOURS).forEach(function (type) {
      html += '<div data-type="' + escapeHTML(type) + '"><span class="swatch" style="background:' + TYPE_COLOURS[type] +
        '"></span>' + escapeHTML(type) + ' (' + (counts[type] || 0) + ')</div>';
    });
    document.getElementById('legend').innerHTML = html;
  }

  // ---- Incidents ----
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
      const marker = L.circleMarker([incident.latitude, incident.longitude], {
        radius: 7, color: '#fff', weight: 1.5, fillColor: colourOf(incident.event_type), fillOpacity: 0.95,
      });
      marker.incidentIndex = index;
      marker.bindPopup(function () { return popupHTML(incident); }, { maxWidth: 440, minWidth: 260 });
      return marker;
    });
    const dates = state.incidents.map(function (i) { return i.event_date; }).sort();
    const since = document.getElementById('since');
    const until = document.getElementById('until');
    since.min = until.min = dates[0] || '';
    since.max = until.max = dates[dates.length - 1] || '';
    since.value = dates[0] || '';
    until.value = dates[dates.length - 1] || '';
    applyDateRange(true);
  }

  function applyDateRange(fit) {
    const since = document.getElementById('since').value;
    const until = document.getElementById('until').value;
    state.shown = [];
    // Only the markers that enter or leave the range change: re-clustering them all would
    // take seconds with 100,000 incidents.
    const entering = [], leaving = [];
    state.incidents.forEach(function (incident, index) {
      const inside = !((since && incident.event_date < since) || (until && incident.event_date > until));
      const marker = state.markers[index];
      if (inside) state.shown.push(index);
      if (inside && !marker.inCluster) { entering.push(marker); marker.inCluster = true; }
      if (!inside && marker.inCluster) { leaving.push(marker); marker.inCluster = false; }
    });
    const layers = state.shown.map(function (index) { return state.markers[index]; });
    if (leaving.length) cluster.removeLayers(leaving);
    onClustered = function () { document.body.dataset.state = 'ready'; };
    document.body.dataset.state = 'clustering';
    if (entering.length) cluster.addLayers(entering); else clustered();
    if (fit && layers.length > 0) {
      const bounds = L.latLngBounds(layers.map(function (m) { return m.getLatLng(); }));
      map.fitBounds(bounds.pad(0.15), { maxZoom: 11 });
    }
    const summary = document.getElementById('summary');
    summary.textContent = state.shown.length === state.incidents.length
      ? state.incidents.length + ' incidents'
      : state.shown.length + ' of ' + state.incidents.length + ' incidents in the date range';
    document.body.dataset.incidents = String(state.incidents.length);
    document.body.dataset.shown = String(state.shown.length);
    renderLegend();
    if (state.radius) runRadiusSearch();
  }

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
