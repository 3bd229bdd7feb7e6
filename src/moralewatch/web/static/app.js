/* MoraleWatch dashboard client. One file for the served dashboard and the static report.
 *
 * Safety: every value from the store (titles, quotes, names, outlets, article text) is untrusted. It only ever
 * reaches the page as a text node or an attribute set through the DOM (el() below); nothing is parsed as HTML.
 * Links are only made from http(s) URLs.
 *
 * Data: in the served dashboard every view calls the JSON API (api/...). In the report, the data is embedded in
 * <script type="application/json" id="mw-data"> and LocalSource answers the same calls in the browser. */
(function () {
  "use strict";

  const MULTI = ["indicator", "subject_side", "claimant_side", "channel", "speaker_role", "place", "outlet", "claimant"];
  const SINGLE = ["since", "until", "hedged", "negated", "q"];
  const COLORS = { ru: "#c0392b", ua: "#1f6fb2", west: "#2b8a6e", independent: "#6b5b95", unknown: "#8a8a8a", all: "#1d2330" };
  const PALETTE = ["#1f6fb2", "#c0392b", "#2b8a6e", "#b7791f", "#6b5b95", "#d35400", "#17a2b8", "#7f8c8d", "#8e44ad", "#2c3e50"];
  // one period only: uPlot would stretch the time axis over years; pad it by three days each way instead
  const xScale = (xs) => ({ time: true, range: () => (xs.length > 1 ? [xs[0], xs[xs.length - 1]] : [xs[0] - 3 * 86400, xs[0] + 3 * 86400]) });
  const LABEL = { ru: "RU", ua: "UA", west: "West", independent: "indep.", unknown: "unknown" };
  const DAY = 86400;

  // -- DOM helpers ----------------------------------------------------------------------------------------------
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else e.setAttribute(k, String(v));
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined || kid === false) continue;
      e.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }
  function svg(tag, attrs, ...kids) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    return e;
  }
  const $ = (id) => document.getElementById(id);
  const clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); return node; };
  const fmt = (n) => (n === null || n === undefined ? "" : Number(n).toLocaleString("en-US"));
  const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);
  const sideBadge = (s) => el("span", { class: "side " + (s || "unknown"), title: "side: " + (s || "unknown") }, LABEL[s] || s || "?");
  const human = (id) => String(id || "").replace(/_/g, " ");
  const flags = (h, n) => [h ? el("span", { class: "flag hedged", title: "hedged: the text marks it as unverified" }, "hedged") : null,
                            n ? el("span", { class: "flag negated", title: "negated: the text denies it" }, "negated") : null];

  // -- state: filters and view live in the address (#view?query) ---------------------------------------------------
  const state = { view: "trends", filters: {}, interval: "auto", split: "subject_side", measure: "items",
                  offset: 0, sort: "newest", limit: 50, item: null, meta: null };

  function readHash() {
    const h = location.hash.replace(/^#/, "");
    const [view, qs] = h.split("?");
    const p = new URLSearchParams(qs || "");
    const f = {};
    for (const k of MULTI) { const v = p.getAll(k); if (v.length) f[k] = v; }
    for (const k of SINGLE) { const v = p.get(k); if (v) f[k] = v; }
    return { view: ["trends", "evidence", "places", "sources"].includes(view) ? view : null, filters: f,
             interval: p.get("interval") || "auto", split: p.get("split") || "subject_side",
             measure: p.get("measure") || "items", offset: Number(p.get("offset") || 0), sort: p.get("sort") || "newest",
             item: p.get("item") };
  }
  function filterParams(f) {
    const p = new URLSearchParams();
    for (const k of MULTI) for (const v of f[k] || []) p.append(k, v);
    for (const k of SINGLE) if (f[k]) p.set(k, f[k]);
    return p;
  }
  function writeHash() {
    const p = filterParams(state.filters);
    if (state.interval !== "auto") p.set("interval", state.interval);
    if (state.split !== "subject_side") p.set("split", state.split);
    if (state.measure !== "items") p.set("measure", state.measure);
    if (state.offset) p.set("offset", state.offset);
    if (state.sort !== "newest") p.set("sort", state.sort);
    if (state.item) p.set("item", state.item);
    const h = "#" + state.view + (p.toString() ? "?" + p.toString() : "");
    if (location.hash !== h) history.replaceState(null, "", h);
  }

  // -- data sources -----------------------------------------------------------------------------------------------
  const ApiSource = {
    name: "live",
    async get(path, params) {
      const url = "api/" + path + (params && params.toString() ? "?" + params.toString() : "");
      const r = await fetch(url, { headers: { Accept: "application/json" } });
      const body = await r.json().catch(() => ({ error: { code: "E" + r.status, message: r.statusText, fix: "" } }));
      if (!r.ok || body.error) throw body.error || { code: "E" + r.status, message: r.statusText };
      return body;
    },
  };

  // the report: the same calls answered from embedded data
  function LocalSource(data) {
    const facts = data.facts;
    const words = (q) => (String(q || "").toLowerCase().match(/[\p{L}\p{N}_]+\*?/gu) || []);
    function match(f) {
      const terms = words(f.q);
      return facts.filter((r) => {
        for (const k of MULTI) if (f[k] && f[k].length && !f[k].includes(r[k])) return false;
        if (f.since && !(r.day && r.day >= f.since)) return false;
        if (f.until && !(r.day && r.day <= f.until)) return false;
        if (f.hedged && !!r.hedged !== (f.hedged === "true")) return false;
        if (f.negated && !!r.negated !== (f.negated === "true")) return false;
        if (terms.length) {
          const toks = new Set(words(r.text).map((w) => w.replace(/\*$/, "")));
          for (const t of terms) {
            if (t.endsWith("*")) { const pre = t.slice(0, -1); if (![...toks].some((w) => w.startsWith(pre))) return false; }
            else if (!toks.has(t)) return false;
          }
        }
        return true;
      });
    }
    const toF = (params) => {
      const f = {};
      for (const k of MULTI) { const v = params.getAll(k); if (v.length) f[k] = v; }
      for (const k of SINGLE) { const v = params.get(k); if (v) f[k] = v; }
      return f;
    };
    const periodOf = (day, interval) => {
      if (!day) return null;
      if (interval === "day") return day;
      if (interval === "month") return day.slice(0, 7) + "-01";
      const d = new Date(day + "T00:00:00Z"); const wd = (d.getUTCDay() + 6) % 7;
      return new Date(d.getTime() - wd * DAY * 1000).toISOString().slice(0, 10);
    };
    const nextPeriod = (p, interval) => {
      const d = new Date(p + "T00:00:00Z");
      if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
      else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
      else d.setUTCMonth(d.getUTCMonth() + 1);
      return d.toISOString().slice(0, 10);
    };
    const count = (rows, key) => { const m = {}; for (const r of rows) { const k = key(r); m[k] = (m[k] || 0) + 1; } return m; };
    return {
      name: "report",
      async get(path, params) {
        params = params || new URLSearchParams();
        const f = toF(params);
        if (path === "meta") return data.meta;
        if (path.startsWith("evidence/")) {
          const [, doc, idx] = path.split("/");
          const r = facts.find((x) => x.document_id === doc && String(x.idx) === idx);
          if (!r) throw { code: "E404", message: "no such evidence item in this report", fix: "" };
          const d = data.documents[doc];
          const q = r.quote_index !== null && r.quote_index !== undefined ? data.quotes[doc + "/" + r.quote_index] : null;
          if (q && typeof q.via === "string") { try { q.via = JSON.parse(q.via); } catch (e) { q.via = [q.via]; } }
          const c = r.place ? data.coords[r.place] : null;
          return { indicator: Object.assign({}, r, { hedged: !!r.h, negated: !!r.g }), document: d, quote: q,
                   place: r.place ? { name: r.place, lat: c ? c[0] : null, lon: c ? c[1] : null } : null,
                   others: facts.filter((x) => x.document_id === doc && x.idx !== r.idx)
                     .map((x) => ({ idx: x.idx, indicator: x.indicator, start: x.start, end: x.end })) };
        }
        const rows = match(f);
        if (path === "evidence") {
          const off = Number(params.get("offset") || 0), lim = Number(params.get("limit") || 50);
          const sorted = params.get("sort") === "oldest" ? rows.slice().reverse() : rows;
          return { total: rows.length, offset: off, limit: lim, items: sorted.slice(off, off + lim) };
        }
        if (path === "places") {
          const m = {};
          let without = 0;
          for (const r of rows) {
            if (!r.place) { without++; continue; }
            const p = m[r.place] || (m[r.place] = { place: r.place, items: 0, docs: new Set(), ru: 0, ua: 0, hedged: 0, negated: 0 });
            p.items++; p.docs.add(r.document_id); p.ru += r.subject_side === "ru"; p.ua += r.subject_side === "ua";
            p.hedged += !!r.hedged; p.negated += !!r.negated;
          }
          const all = Object.values(m).map((p) => Object.assign(p, { docs: p.docs.size })).sort((a, b) => b.items - a.items);
          const located = [], unlocated = [];
          for (const p of all) { const c = data.coords[p.place]; if (c) located.push(Object.assign(p, { lat: c[0], lon: c[1] })); else unlocated.push(p); }
          return { places: located, unlocated, without_place: without };
        }
        if (path === "sources") {
          const om = {}, sm = {};
          for (const r of rows) {
            const on = r.outlet || "(unknown outlet)";
            const o = om[on] || (om[on] = { outlet: on, items: 0, by_side: {}, about_ru: 0, about_ua: 0 });
            o.items++; o.by_side[r.claimant_side || "unknown"] = (o.by_side[r.claimant_side || "unknown"] || 0) + 1;
            o.about_ru += r.subject_side === "ru"; o.about_ua += r.subject_side === "ua";
            if (r.claimant) {
              const k = [r.claimant, r.claimant_side, r.speaker_role].join("\u0000");
              const s = sm[k] || (sm[k] = { speaker: r.claimant, side: r.claimant_side, role: r.speaker_role, items: 0, docs: new Set(), hedged: 0, negated: 0 });
              s.items++; s.docs.add(r.document_id); s.hedged += !!r.hedged; s.negated += !!r.negated;
            }
          }
          return { outlets: Object.values(om).sort((a, b) => b.items - a.items).slice(0, 100),
                   speakers: Object.values(sm).map((s) => Object.assign(s, { docs: s.docs.size })).sort((a, b) => b.items - a.items).slice(0, 100),
                   by_side: count(rows, (r) => r.claimant_side) };
        }
        if (path === "trends") {
          let interval = params.get("interval") || "auto";
          const split = params.get("split") || "subject_side";
          const days = rows.map((r) => r.day).filter(Boolean).sort();
          const lo = f.since || days[0] || data.meta.evidence_range[0], hi = f.until || days[days.length - 1] || data.meta.evidence_range[1];
          if (interval === "auto") {
            const span = lo && hi ? (Date.parse(hi) - Date.parse(lo)) / 864e5 : 0;
            interval = span <= 92 ? "day" : span <= 800 ? "week" : "month";
          }
          const periods = [];
          if (lo && hi) for (let p = periodOf(lo, interval); p <= hi; p = nextPeriod(p, interval)) periods.push(p);
          const index = Object.fromEntries(periods.map((p, i) => [p, i]));
          const inds = {};
          let undated = 0;
          for (const r of rows) {
            const i = index[periodOf(r.day, interval)];
            if (!r.day) { undated++; continue; }
            if (i === undefined) continue;
            const key = split === "none" ? "all" : (r[split] || "unknown");
            const ind = inds[r.indicator] || (inds[r.indicator] = { indicator: r.indicator, items: 0, asserted: 0, hedged: 0, negated: 0, docset: new Set(), series: {} });
            const z = () => periods.map(() => 0);
            const s = ind.series[key] || (ind.series[key] = { key, asserted: z(), hedged: z(), negated: z(), docs: z(), _d: periods.map(() => new Set()) });
            ind.items++; ind.docset.add(r.document_id);
            if (r.hedged) { ind.hedged++; s.hedged[i]++; }
            if (r.negated) { ind.negated++; s.negated[i]++; }
            if (!r.hedged && !r.negated) { ind.asserted++; s.asserted[i]++; }
            s._d[i].add(r.document_id);
          }
          const perDay = {};
          if (f.outlet && f.outlet.length) { for (const r of data.per_day_outlet) if (f.outlet.includes(r.outlet)) perDay[r.day] = (perDay[r.day] || 0) + r.n; }
          else Object.assign(perDay, data.per_day);
          const denom = periods.map(() => 0);
          for (const [d, n] of Object.entries(perDay)) { const i = index[periodOf(d, interval)]; if (i !== undefined) denom[i] += n; }
          const indicators = Object.values(inds).map((ind) => ({
            indicator: ind.indicator, items: ind.items, asserted: ind.asserted, hedged: ind.hedged, negated: ind.negated, docs: ind.docset.size,
            series: Object.values(ind.series).sort((a, b) => (a.key < b.key ? -1 : 1)).map((s) => ({ key: s.key, asserted: s.asserted, hedged: s.hedged, negated: s.negated, docs: s._d.map((x) => x.size) })),
          })).sort((a, b) => b.items - a.items || (a.indicator < b.indicator ? -1 : 1));
          return { interval, split, periods, denominator: denom, indicators, undated };
        }
        throw { code: "E404", message: "unknown call " + path, fix: "" };
      },
    };
  }

  const embedded = document.getElementById("mw-data");
  const source = embedded ? LocalSource(JSON.parse(embedded.textContent)) : ApiSource;

  // -- errors -----------------------------------------------------------------------------------------------------
  function showError(e) {
    const box = $("error");
    if (!e) { box.hidden = true; clear(box); return; }
    clear(box).appendChild(el("span", {}, el("b", {}, "Error " + (e.code || "") + ": "), e.message || String(e),
      e.fix ? el("span", { class: "muted" }, " — " + e.fix) : null));
    box.hidden = false;
  }

  // -- filters form -----------------------------------------------------------------------------------------------
  function fillForm(meta) {
    const o = meta.options;
    for (const k of ["indicator", "channel", "speaker_role", "place", "outlet"]) {
      const sel = clear($("f-" + k));
      for (const v of o[k]) sel.appendChild(el("option", { value: v }, k === "place" || k === "outlet" ? v : human(v)));
    }
    for (const k of ["subject_side", "claimant_side"]) {
      const box = clear($("f-" + k));
      for (const v of o[k]) box.appendChild(el("label", {}, el("input", { type: "checkbox", name: k, value: v }), " " + (LABEL[v] || v)));
    }
  }
  function formToFilters() {
    const form = $("filters");
    const f = {};
    for (const k of MULTI) {
      if (k === "claimant") { if (state.filters.claimant) f.claimant = state.filters.claimant; continue; }
      const node = form.elements[k];
      let vals = [];
      if (node && node.tagName === "SELECT") vals = [...node.selectedOptions].map((x) => x.value);
      else vals = [...form.querySelectorAll("input[name=" + k + "]:checked")].map((x) => x.value);
      if (vals.length) f[k] = vals;
    }
    for (const k of SINGLE) { const v = form.elements[k].value.trim(); if (v) f[k] = v; }
    return f;
  }
  function filtersToForm(f) {
    const form = $("filters");
    for (const k of MULTI) {
      if (k === "claimant") continue;
      const vals = new Set(f[k] || []);
      const node = form.elements[k];
      if (node && node.tagName === "SELECT") {
        for (const v of vals) if (![...node.options].some((o) => o.value === v)) node.appendChild(el("option", { value: v }, v));
        for (const opt of node.options) opt.selected = vals.has(opt.value);
      } else for (const c of form.querySelectorAll("input[name=" + k + "]")) c.checked = vals.has(c.value);
    }
    for (const k of SINGLE) form.elements[k].value = f[k] || "";
  }
  function renderChips() {
    const box = clear($("chips"));
    const add = (k, v, label) => box.appendChild(el("span", { class: "chip" }, label,
      el("button", { type: "button", title: "remove", "aria-label": "remove filter", on: { click: () => {
        if (MULTI.includes(k)) { state.filters[k] = state.filters[k].filter((x) => x !== v); if (!state.filters[k].length) delete state.filters[k]; }
        else delete state.filters[k];
        applyFilters(state.filters);
      } } }, "×")));
    const f = state.filters;
    for (const k of MULTI) for (const v of f[k] || []) add(k, v, human(k) + ": " + (k.endsWith("side") ? (LABEL[v] || v) : human(v)));
    if (f.since || f.until) { add("since", null, "from " + (f.since || "…")); if (f.until) add("until", null, "to " + f.until); }
    if (f.hedged) add("hedged", null, f.hedged === "true" ? "only hedged" : "not hedged");
    if (f.negated) add("negated", null, f.negated === "true" ? "only negated" : "not negated");
    if (f.q) add("q", null, "search: " + f.q);
  }
  function applyFilters(f, view) {
    state.filters = f;
    state.offset = 0;
    if (view) state.view = view;
    filtersToForm(f);
    render();
  }

  // -- views ------------------------------------------------------------------------------------------------------
  async function render() {
    writeHash();
    renderChips();
    for (const v of ["trends", "evidence", "places", "sources"]) {
      $("view-" + v).hidden = v !== state.view;
      $("tab-" + v).setAttribute("aria-selected", String(v === state.view));
    }
    showError(null);
    try {
      if (state.view === "trends") await renderTrends();
      else if (state.view === "evidence") await renderEvidence();
      else if (state.view === "places") await renderPlaces();
      else await renderSources();
      if (state.item) await openItem(state.item, false); else $("detail").hidden = true;
    } catch (e) { showError(e); }
  }

  const toTs = (p) => Date.parse(p + "T00:00:00Z") / 1000;
  function periodEnd(p, interval) {
    const d = new Date(p + "T00:00:00Z");
    if (interval === "day") return p;
    if (interval === "week") d.setUTCDate(d.getUTCDate() + 6);
    else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  }
  function drillTo(extra, period, interval) {
    const f = Object.assign({}, state.filters, extra);
    if (period) { f.since = period; f.until = periodEnd(period, interval); }
    applyFilters(f, "evidence");
  }
  function chartWidth(node) { return Math.max(320, Math.floor(node.getBoundingClientRect().width) - 4); }
  function makePlot(node, opts, data, onClick) {
    if (typeof uPlot === "undefined") { node.appendChild(el("p", { class: "empty" }, "chart library missing")); return null; }
    const u = new uPlot(Object.assign({ width: chartWidth(node), cursor: { drag: { x: false, y: false } }, legend: { live: false } }, opts), data, node);
    if (onClick) u.over.addEventListener("click", () => { if (u.cursor.idx !== null && u.cursor.idx !== undefined) onClick(u.cursor.idx); });
    return u;
  }

  async function renderTrends() {
    $("t-interval").value = state.interval; $("t-split").value = state.split; $("t-measure").value = state.measure;
    const p = filterParams(state.filters);
    p.set("interval", state.interval); p.set("split", state.split);
    const t = await source.get("trends", p);
    const ov = clear($("t-overview")), grid = clear($("t-grid"));
    const xs = t.periods.map(toTs);
    const totalBy = (field) => t.periods.map((_, i) => t.indicators.reduce((a, ind) => a + ind.series.reduce((b, s) => b + s[field][i], 0), 0));
    const asserted = totalBy("asserted"), hedged = totalBy("hedged"), negated = totalBy("negated");
    const docsAnalysed = t.denominator.reduce((a, b) => a + b, 0);
    const total = t.indicators.reduce((a, x) => a + x.items, 0);
    ov.appendChild(el("h2", {}, "Evidence over time, with documents analysed"));
    ov.appendChild(el("p", { class: "sub" }, el("b", {}, fmt(total)), " evidence items (", fmt(t.indicators.reduce((a, x) => a + x.asserted, 0)),
      " asserted · ", fmt(t.indicators.reduce((a, x) => a + x.hedged, 0)), " hedged · ", fmt(t.indicators.reduce((a, x) => a + x.negated, 0)),
      " negated) in ", el("b", {}, fmt(docsAnalysed)), " documents analysed, by ", t.interval,
      t.undated ? " · " + fmt(t.undated) + " undated items not charted" : "", " · click a point for its evidence"));
    if (!t.periods.length) { ov.appendChild(el("p", { class: "empty" }, "No evidence matches these filters.")); return; }
    const plotBox = el("div", {});
    ov.appendChild(plotBox);
    makePlot(plotBox, {
      height: 200,
      series: [{}, { label: "documents analysed", scale: "docs", stroke: "#b8c2cc", fill: "rgba(184,194,204,.35)", paths: uPlot.paths.bars({ size: [0.8, 40] }) },
        { label: "asserted", stroke: "#1d2330", width: 2 }, { label: "hedged", stroke: "#b7791f", width: 1.5, dash: [6, 3] },
        { label: "negated", stroke: "#6b7280", width: 1.5, dash: [2, 3] }],
      axes: [{}, { label: "evidence items", size: 50 }, { side: 1, scale: "docs", label: "documents", grid: { show: false }, size: 50 }],
      scales: { x: xScale(xs), docs: { range: (u, lo, hi) => [0, Math.max(1, hi * 1.05)] } },
    }, [xs, t.denominator, asserted, hedged, negated], (i) => drillTo({}, t.periods[i], t.interval));

    if (!t.indicators.length) grid.appendChild(el("p", { class: "empty" }, "No evidence matches these filters."));
    for (const ind of t.indicators) {
      const card = el("div", { class: "card", "data-indicator": ind.indicator });
      card.appendChild(el("button", { type: "button", class: "link more", on: { click: () => drillTo({ indicator: [ind.indicator] }) } }, "evidence →"));
      card.appendChild(el("h3", {}, human(ind.indicator)));
      card.appendChild(el("p", { class: "sub" }, el("b", {}, fmt(ind.items)), " items: ", fmt(ind.asserted), " asserted · ",
        el("span", { style: null }, fmt(ind.hedged) + " hedged"), " · ", fmt(ind.negated), " negated · in ", fmt(ind.docs), " documents"));
      const box = el("div", {});
      card.appendChild(box);
      grid.appendChild(card);
      const series = [{}], data = [xs];
      ind.series.forEach((s, j) => {
        const color = COLORS[s.key] || PALETTE[j % PALETTE.length];
        const label = (LABEL[s.key] || human(s.key));
        const val = (i) => state.measure === "docs" ? s.docs[i] : state.measure === "rate"
          ? (t.denominator[i] ? Math.round(10000 * s.asserted[i] / t.denominator[i]) / 100 : null) : s.asserted[i];
        series.push({ label: label + (state.measure === "docs" ? "" : " asserted"), stroke: color, width: 2 });
        data.push(t.periods.map((_, i) => val(i)));
        if (state.measure !== "docs" && s.hedged.some((x) => x)) {
          series.push({ label: label + " hedged", stroke: color, width: 1.2, dash: [6, 3] });
          data.push(t.periods.map((_, i) => state.measure === "rate" ? (t.denominator[i] ? Math.round(10000 * s.hedged[i] / t.denominator[i]) / 100 : null) : s.hedged[i]));
        }
        if (state.measure !== "docs" && s.negated.some((x) => x)) {
          series.push({ label: label + " negated", stroke: color, width: 1.2, dash: [2, 3] });
          data.push(t.periods.map((_, i) => state.measure === "rate" ? (t.denominator[i] ? Math.round(10000 * s.negated[i] / t.denominator[i]) / 100 : null) : s.negated[i]));
        }
      });
      const ylabel = state.measure === "docs" ? "documents" : state.measure === "rate" ? "per 100 docs" : "items";
      makePlot(box, { height: 170, series, axes: [{}, { label: ylabel, size: 46 }], scales: { x: xScale(xs) } }, data,
        (i) => drillTo({ indicator: [ind.indicator] }, t.periods[i], t.interval));
    }
  }

  async function renderEvidence() {
    $("e-sort").value = state.sort;
    const p = filterParams(state.filters);
    p.set("limit", state.limit); p.set("offset", state.offset); p.set("sort", state.sort);
    const r = await source.get("evidence", p);
    const body = clear($("e-body"));
    const last = Math.min(r.total, state.offset + r.items.length);
    $("e-count").textContent = r.total ? `${fmt(state.offset + 1)}–${fmt(last)} of ${fmt(r.total)} evidence items` : "No evidence matches these filters.";
    $("e-prev").disabled = state.offset <= 0;
    $("e-next").disabled = last >= r.total;
    for (const it of r.items) {
      const key = it.document_id + "/" + it.idx;
      const tr = el("tr", { tabindex: 0, "data-key": key, class: state.item === key ? "selected" : null,
        on: { click: () => openItem(key, true), keydown: (e) => { if (e.key === "Enter") openItem(key, true); } } },
        el("td", { class: "date" }, it.day || "undated"),
        el("td", {}, human(it.indicator), flags(it.hedged, it.negated)),
        el("td", {}, sideBadge(it.subject_side)),
        el("td", { class: "evtext" }, "“" + it.text + "”", el("div", { class: "muted" }, it.title || "")),
        el("td", {}, it.claimant || el("span", { class: "muted" }, "unattributed"), " ", sideBadge(it.claimant_side),
          it.speaker_role && it.speaker_role !== "unknown" ? el("div", { class: "muted" }, human(it.speaker_role)) : null),
        el("td", {}, human(it.channel)),
        el("td", {}, it.outlet || ""),
        el("td", {}, it.place || ""));
      body.appendChild(tr);
    }
  }

  function highlighted(text, main, quote, speaker, others) {
    // split the article at every boundary and give each piece its classes; the evidence span becomes <mark>
    const cuts = new Set([0, text.length, main.start, main.end]);
    const marks = [];
    if (quote) { cuts.add(quote.start); cuts.add(quote.end); }
    if (speaker) { cuts.add(speaker.start); cuts.add(speaker.end); }
    for (const o of others) { if (o.start !== null && o.end !== null) { cuts.add(o.start); cuts.add(o.end); } }
    const pts = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    const out = el("div", { class: "article", id: "d-article" });
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i], b = pts[i + 1];
      if (a === b) continue;
      const piece = text.slice(a, b);
      const inMain = a >= main.start && b <= main.end;
      const other = others.find((o) => a >= o.start && b <= o.end);
      const cls = [];
      if (quote && a >= quote.start && b <= quote.end) cls.push("quote");
      if (speaker && a >= speaker.start && b <= speaker.end) cls.push("speaker");
      let node;
      if (inMain) { node = el("mark", { class: "ev " + cls.join(" "), "data-evidence": "1" }, piece); marks.push(node); }
      else if (other) node = el("mark", { class: "other " + cls.join(" "), title: human(other.indicator) }, piece);
      else node = cls.length ? el("span", { class: cls.join(" ") }, piece) : document.createTextNode(piece);
      out.appendChild(node);
    }
    return [out, marks];
  }

  async function openItem(key, push) {
    state.item = key;
    if (push) writeHash();
    for (const tr of document.querySelectorAll("#e-body tr")) tr.classList.toggle("selected", tr.dataset.key === key);
    const [doc, idx] = key.split("/");
    let r;
    try { r = await source.get("evidence/" + encodeURIComponent(doc) + "/" + encodeURIComponent(idx)); }
    catch (e) { showError(e); return; }
    const i = r.indicator, d = r.document, q = r.quote, pl = r.place;
    const box = clear($("d-body"));
    const url = safeUrl(d.url);
    box.appendChild(el("h2", { id: "d-title" }, d.title || "(untitled)"));
    box.appendChild(el("div", { class: "muted" }, [d.outlet || "unknown outlet", d.published || "undated"].join(" · "), " ",
      url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "original ↗") : null));
    const via = q && q.via && q.via.length ? q.via : [];
    const chain = el("span", { class: "via" }, ...[i.claimant || (q && q.speaker) || "unattributed", ...via, d.outlet || "the outlet"].map((x) => el("span", {}, x)));
    box.appendChild(el("dl", { class: "facts" },
      el("dt", {}, "Indicator"), el("dd", {}, el("b", {}, human(i.indicator)), flags(i.hedged, i.negated), " about ", sideBadge(i.subject_side)),
      el("dt", {}, "Evidence"), el("dd", { id: "d-evidence" }, "“" + i.text + "”"),
      el("dt", {}, "Speaker"), el("dd", {}, (q && q.speaker) || i.claimant || "unattributed", " ", sideBadge((q && q.side) || i.claimant_side),
        q && q.speaker_role && q.speaker_role !== "unknown" ? " " + human(q.speaker_role) : ""),
      el("dt", {}, "Channel"), el("dd", {}, human((q && q.channel) || i.channel)),
      el("dt", {}, "Via"), el("dd", {}, chain),
      el("dt", {}, "Place"), el("dd", {}, pl ? [pl.name, pl.lat !== null && pl.lat !== undefined ? ` (${Number(pl.lat).toFixed(2)}, ${Number(pl.lon).toFixed(2)})` : " (no coordinates)"].join("") : "—"),
      el("dt", {}, "Date"), el("dd", {}, i.date || d.published || "—"),
      el("dt", {}, "Quote"), el("dd", {}, q ? [q.kind || "", "quote", q.cue ? "· cue “" + q.cue + "”" : ""].join(" ") : "reported claim (no quote)")));
    box.appendChild(el("div", { class: "why" }, el("b", {}, "Why it fired: "), "rule ", el("code", {}, i.rule || "?"),
      i.cue ? ["; cue ", el("code", {}, i.cue)] : null, "; confidence ", i.confidence !== null && i.confidence !== undefined ? Number(i.confidence).toFixed(2) : "?",
      i.hedged ? "; hedged (the text marks it as unverified)" : "", i.negated ? "; negated (the text denies it)" : ""));
    const others = (r.others || []).filter((o) => o.start !== null && o.start !== undefined);
    const text = d.text || "";
    const speaker = q && q.speaker_start !== null && q.speaker_start !== undefined ? { start: q.speaker_start, end: q.speaker_end } : null;
    const [art, marks] = highlighted(text, { start: i.start, end: i.end }, q ? { start: q.start, end: q.end } : null, speaker, others);
    box.appendChild(el("p", { class: "muted" }, "Yellow: this evidence · blue: other indicators in the article · dotted: the quote · underlined: its speaker"));
    box.appendChild(art);
    $("detail").hidden = false;
    if (marks[0]) marks[0].scrollIntoView({ block: "center" });
  }

  let outline = null;
  async function loadOutline() {
    if (outline) return outline;
    const node = document.getElementById("mw-outline");
    if (node) outline = JSON.parse(node.textContent);
    else outline = await (await fetch("static/geo/outline.json")).json();
    return outline;
  }

  async function renderPlaces() {
    const p = filterParams(state.filters);
    const [r, geo] = await Promise.all([source.get("places", p), loadOutline()]);
    const W = 900, H = 560, lon0 = 21.0, lon1 = 41.5, lat0 = 43.6, lat1 = 53.6;
    const k = Math.cos((48.5 * Math.PI) / 180);
    const sx = W / ((lon1 - lon0) * k), sy = H / (lat1 - lat0);
    const s = Math.min(sx, sy);
    const X = (lon) => (lon - lon0) * k * s, Y = (lat) => (lat1 - lat) * s;
    const map = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of evidence by place" });
    for (const f of geo.features) {
      let dpath = "";
      for (const poly of f.geometry.coordinates) for (const ring of poly)
        dpath += "M" + ring.map((c) => X(c[0]).toFixed(1) + "," + Y(c[1]).toFixed(1)).join("L") + "Z";
      const name = f.properties.name;
      map.appendChild(svg("path", { d: dpath, class: "country" + (name === "Ukraine" ? " ukraine" : "") }, svg("title", {}, name)));
    }
    const labels = { Ukraine: [31.2, 49.2], Russia: [39.5, 52.6], Belarus: [28.0, 53.2], Poland: [22.2, 52.4], Romania: [24.6, 45.7], Moldova: [28.5, 47.3], Hungary: [21.3, 47.3], Slovakia: [21.2, 48.9] };
    for (const [n, c] of Object.entries(labels)) map.appendChild(svg("text", { x: X(c[0]), y: Y(c[1]), class: "clabel" }, n));
    const max = Math.max(1, ...r.places.map((x) => x.items));
    for (const pl of r.places) {
      if (pl.lon < lon0 - 2 || pl.lon > lon1 + 2 || pl.lat < lat0 - 2 || pl.lat > lat1 + 2) continue;
      const cls = pl.ru > 2 * pl.ua ? "ru" : pl.ua > 2 * pl.ru ? "ua" : "mixed";
      const rad = 3 + 22 * Math.sqrt(pl.items / max);
      const c = svg("circle", { cx: X(pl.lon).toFixed(1), cy: Y(pl.lat).toFixed(1), r: rad.toFixed(1), class: cls, tabindex: 0, "data-place": pl.place },
        svg("title", {}, `${pl.place}: ${fmt(pl.items)} items in ${fmt(pl.docs)} documents (about RU ${fmt(pl.ru)}, UA ${fmt(pl.ua)}; hedged ${fmt(pl.hedged)}, negated ${fmt(pl.negated)})`));
      c.addEventListener("click", () => drillTo({ place: [pl.place] }));
      map.appendChild(c);
      map.appendChild(svg("text", { x: (X(pl.lon) + rad + 2).toFixed(1), y: (Y(pl.lat) + 3).toFixed(1), class: "plabel" }, pl.place));
    }
    clear($("p-map")).appendChild(map);
    const body = clear($("p-body"));
    for (const pl of [...r.places, ...r.unlocated]) {
      body.appendChild(el("tr", {}, el("td", {}, el("button", { type: "button", class: "link", on: { click: () => drillTo({ place: [pl.place] }) } }, pl.place),
        pl.lat === undefined ? el("span", { class: "muted" }, " (no coordinates)") : null),
        el("td", { class: "num" }, fmt(pl.items)), el("td", { class: "num" }, fmt(pl.docs)), el("td", { class: "num" }, fmt(pl.ru)),
        el("td", { class: "num" }, fmt(pl.ua)), el("td", { class: "num" }, fmt(pl.hedged)), el("td", { class: "num" }, fmt(pl.negated))));
    }
    $("p-note").textContent = `${fmt(r.without_place)} matching items have no place. Outline: Natural Earth 1:50m (public domain), via world-atlas.`;
  }

  async function renderSources() {
    const r = await source.get("sources", filterParams(state.filters));
    const sides = ["ru", "ua", "west", "independent", "unknown"];
    const ot = $("s-outlets");
    clear(ot.tHead).appendChild(el("tr", {}, el("th", {}, "Outlet"), el("th", { class: "num" }, "Items"),
      ...sides.map((s) => el("th", { class: "num" }, "source " + LABEL[s])), el("th", {}, "by source side"),
      el("th", { class: "num" }, "about RU"), el("th", { class: "num" }, "about UA")));
    const ob = clear(ot.tBodies[0]);
    for (const o of r.outlets) {
      const bar = el("div", { class: "bar" }, ...sides.filter((s) => o.by_side[s]).map((s) =>
        el("span", { class: s, style: null, title: `${LABEL[s]}: ${o.by_side[s]}`, "data-w": o.by_side[s] / o.items })));
      for (const span of bar.children) span.style.width = (100 * Number(span.dataset.w)).toFixed(1) + "%";
      ob.appendChild(el("tr", {}, el("td", {}, el("button", { type: "button", class: "link", on: { click: () => drillTo({ outlet: [o.outlet] }) } }, o.outlet)),
        el("td", { class: "num" }, fmt(o.items)), ...sides.map((s) => el("td", { class: "num" }, fmt(o.by_side[s] || 0))),
        el("td", {}, bar), el("td", { class: "num" }, fmt(o.about_ru)), el("td", { class: "num" }, fmt(o.about_ua))));
    }
    const sb = clear($("s-speakers").tBodies[0]);
    for (const s of r.speakers) {
      sb.appendChild(el("tr", {}, el("td", {}, el("button", { type: "button", class: "link", on: { click: () => drillTo({ claimant: [s.speaker] }) } }, s.speaker)),
        el("td", {}, human(s.role)), el("td", {}, sideBadge(s.side)), el("td", { class: "num" }, fmt(s.items)),
        el("td", { class: "num" }, fmt(s.docs)), el("td", { class: "num" }, fmt(s.hedged)), el("td", { class: "num" }, fmt(s.negated))));
    }
  }

  // -- wiring -----------------------------------------------------------------------------------------------------
  function daysBefore(day, n) { const d = new Date(day + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() - n + 1); return d.toISOString().slice(0, 10); }

  async function start() {
    $("mode").textContent = source.name === "report" ? "static report · no server, no network" : "local · read-only";
    let meta;
    try { meta = await source.get("meta"); } catch (e) { showError(e); return; }
    state.meta = meta;
    if (meta.report) {
      const rp = meta.report;
      $("mode").textContent = `static report · ${rp.generated} · ${fmt(rp.items)}` + (rp.total > rp.items ? ` newest of ${fmt(rp.total)}` : "") + " items · no server, no network";
    }
    fillForm(meta);
    const c = meta.counts, er = meta.evidence_range;
    $("summary").textContent = `${fmt(c.documents)} documents · ${fmt(c.indicators)} evidence items` + (er[0] ? ` · ${er[0]} to ${er[1]}` : "");
    const h = readHash();
    Object.assign(state, { interval: h.interval, split: h.split, measure: h.measure, offset: h.offset, sort: h.sort, item: h.item });
    state.view = h.view || "trends";
    state.filters = h.filters;
    if (!h.view && er[1] && daysBefore(er[1], 90) > er[0]) state.filters = { since: daysBefore(er[1], 90) }; // morning default: the last 90 days
    filtersToForm(state.filters);
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); applyFilters(formToFilters()); });
    $("reset").addEventListener("click", () => applyFilters({}));
    for (const b of document.querySelectorAll("#quick-range button")) b.addEventListener("click", () => {
      const f = formToFilters(); const n = Number(b.dataset.days);
      if (n && er[1]) { f.since = daysBefore(er[1], n); f.until = er[1]; } else { delete f.since; delete f.until; }
      applyFilters(f);
    });
    for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => { state.view = b.dataset.view; state.offset = 0; render(); });
    $("t-interval").addEventListener("change", (e) => { state.interval = e.target.value; render(); });
    $("t-split").addEventListener("change", (e) => { state.split = e.target.value; render(); });
    $("t-measure").addEventListener("change", (e) => { state.measure = e.target.value; render(); });
    $("e-sort").addEventListener("change", (e) => { state.sort = e.target.value; state.offset = 0; render(); });
    $("e-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); render(); });
    $("e-next").addEventListener("click", () => { state.offset += state.limit; render(); });
    $("d-close").addEventListener("click", () => { state.item = null; $("detail").hidden = true; writeHash(); for (const tr of document.querySelectorAll("#e-body tr.selected")) tr.classList.remove("selected"); });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("detail").hidden) $("d-close").click(); });
    await render();
    document.body.dataset.ready = "1";
  }
  start();
})();
