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
  const SINGLE = ["since", "until", "hedged", "negated", "q", "min_confidence"];
  const VIEWS = ["trends", "evidence", "quotes", "places", "sources", "copies"];
  const MEASURES = ["stories", "items", "docs", "rate", "share"]; // stories: independent sources (copies count once)
  const AREA_KINDS = ["country", "region", "continent"];
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
  const state = { view: "trends", filters: {}, interval: "auto", split: "subject_side", measure: "stories",
                  offset: 0, sort: "newest", limit: 50, item: null, meta: null, qq: "", story: null };
  let lastHash = null;

  function readHash() {
    const h = location.hash.replace(/^#/, "");
    const [view, qs] = h.split("?");
    const p = new URLSearchParams(qs || "");
    const f = {};
    for (const k of MULTI) { const v = p.getAll(k); if (v.length) f[k] = v; }
    for (const k of SINGLE) { const v = p.get(k); if (v) f[k] = v; }
    const measure = p.get("measure");
    return { view: VIEWS.includes(view) ? view : null, filters: f,
             interval: p.get("interval") || "auto", split: p.get("split") || "subject_side",
             measure: MEASURES.includes(measure) ? measure : "stories", story: p.get("story"),
             offset: Math.max(0, Number(p.get("offset") || 0) || 0), sort: p.get("sort") || "newest",
             item: p.get("item"), qq: p.get("qq") || "" };
  }
  function filterParams(f) {
    const p = new URLSearchParams();
    for (const k of MULTI) for (const v of f[k] || []) p.append(k, v);
    for (const k of SINGLE) if (f[k]) p.set(k, f[k]);
    return p;
  }
  function writeHash(push) {
    const p = filterParams(state.filters);
    if (state.interval !== "auto") p.set("interval", state.interval);
    if (state.split !== "subject_side") p.set("split", state.split);
    if (state.measure !== "stories") p.set("measure", state.measure);
    if (state.view === "copies" && state.story) p.set("story", state.story);
    if (state.offset) p.set("offset", state.offset);
    if (state.sort !== "newest") p.set("sort", state.sort);
    if (state.qq) p.set("qq", state.qq);
    if (state.item) p.set("item", state.item);
    const h = "#" + state.view + (p.toString() ? "?" + p.toString() : "");
    // a new entry for every view, filter or item the analyst moves to, so Back and Forward walk them
    if (location.hash !== h) { if (push && lastHash !== null) history.pushState(null, "", h); else history.replaceState(null, "", h); }
    lastHash = location.hash;
  }
  function fromHash() {
    const h = readHash();
    Object.assign(state, { interval: h.interval, split: h.split, measure: h.measure, offset: h.offset, sort: h.sort,
                           item: h.item, qq: h.qq, view: h.view || "trends", filters: h.filters, story: h.story });
    filtersToForm(state.filters);
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
        if (f.min_confidence && !(r.confidence !== null && r.confidence !== undefined && r.confidence >= Number(f.min_confidence))) return false;
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
        if (path === "stories") {
          const all = Object.values(data.stories || {});
          // with filters, the stories one of whose documents holds evidence they select (as the live view)
          const docs = Object.keys(f).length ? new Set(match(f).map((r) => r.document_id)) : null;
          const st = all.filter((c) => !docs || c.members.some((m) => docs.has(m.document_id)))
            .map((c) => ({ story: c.story, event: c.event, first_source: c.first_source, documents: c.documents,
              day: c.first_published, title: (c.members[0] || {}).title, outlet: (c.members[0] || {}).outlet })).sort((a, b) => b.documents - a.documents || (a.story < b.story ? -1 : 1));
          const out = { stories: st, n_stories: all.length, n_documents: all.reduce((a, x) => a + x.documents, 0), grouped: !!data.stories, report: true };
          if (docs) out.n_matching = st.length;
          return out;
        }
        if (path.startsWith("stories/")) {
          const c = (data.stories || {})[decodeURIComponent(path.slice(8))];
          if (!c) throw { code: "E404", message: "no such story in this report", fix: "" };
          return c;
        }
        if (path === "quotes" || path === "speakers") {
          // the quotes of the report's articles (those holding the evidence it shows), merged speakers as computed
          // when the report was made
          const canon = data.speakers || {};
          const all = Object.entries(data.quotes).map(([k, q]) => {
            const d = data.documents[q.document_id] || {};
            return Object.assign({}, q, { title: d.title, outlet: d.outlet, url: d.url, day: d.published ? String(d.published).slice(0, 10) : null,
                                          speaker_merged: q.speaker ? canon[q.speaker] || q.speaker : null, _k: k });
          });
          if (path === "speakers") {
            const g = {};
            for (const q of all) {
              if (!q.speaker) continue;
              const s = g[q.speaker_merged] || (g[q.speaker_merged] = { speaker: q.speaker_merged, quotes: 0, docs: new Set(), var: {} });
              s.quotes++; s.docs.add(q.document_id); s.var[q.speaker] = (s.var[q.speaker] || 0) + 1;
            }
            const sp = Object.values(g).map((s) => ({ speaker: s.speaker, quotes: s.quotes, docs: s.docs.size, names: Object.keys(s.var).sort(),
              variants: Object.entries(s.var).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, count]) => ({ name, count })) }))
              .sort((a, b) => b.quotes - a.quotes || (a.speaker < b.speaker ? -1 : 1));
            return { speakers: sp, total: sp.length, merged: sp.filter((s) => s.names.length > 1).length };
          }
          const terms = words(f.q);
          const keep = all.filter((q) => {
            if (f.claimant_side && !f.claimant_side.includes(q.side)) return false;
            for (const k of ["channel", "speaker_role", "outlet"]) if (f[k] && !f[k].includes(q[k])) return false;
            if (f.claimant && !f.claimant.includes(q.speaker)) return false;
            if (f.since && !(q.day && q.day >= f.since)) return false;
            if (f.until && !(q.day && q.day <= f.until)) return false;
            const toks = new Set(words(q.text).map((w) => w.replace(/\*$/, "")));
            return terms.every((t) => t.endsWith("*") ? [...toks].some((w) => w.startsWith(t.slice(0, -1))) : toks.has(t));
          }).sort((a, b) => (a.day || "") < (b.day || "") ? 1 : (a.day || "") > (b.day || "") ? -1 : a._k < b._k ? -1 : 1);
          const off = Number(params.get("offset") || 0), lim = Number(params.get("limit") || 50);
          return { total: keep.length, offset: off, limit: lim, items: keep.slice(off, off + lim) };
        }
        if (path.startsWith("evidence/")) {
          const [, doc, idx] = path.split("/");
          const r = facts.find((x) => x.document_id === doc && String(x.idx) === idx);
          if (!r) throw { code: "E404", message: "no such evidence item in this report", fix: "" };
          const d = data.documents[doc];
          const q = r.quote_index !== null && r.quote_index !== undefined ? data.quotes[doc + "/" + r.quote_index] : null;
          if (q && typeof q.via === "string") { try { q.via = JSON.parse(q.via); } catch (e) { q.via = [q.via]; } }
          const c = r.place ? data.coords[r.place] : null;
          const sc = r.story && data.stories ? data.stories[r.story] : null, me = sc ? sc.members.find((m) => m.document_id === doc) : null;
          const story = sc && me ? { story: sc.story, event: sc.event, first_source: sc.first_source, documents: sc.documents, relation: me.relation, flags: me.flags } : null;
          return { indicator: Object.assign({}, r, { hedged: !!r.h, negated: !!r.g }), document: d, quote: q, story, independent: null,
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
          for (const p of all) { const c = data.coords[p.place]; p.kind = (data.kinds || {})[p.place] || "place"; if (c) located.push(Object.assign(p, { lat: c[0], lon: c[1] })); else unlocated.push(p); }
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
            const ind = inds[r.indicator] || (inds[r.indicator] = { indicator: r.indicator, items: 0, asserted: 0, hedged: 0, negated: 0, docset: new Set(), storyset: new Set(), series: {} });
            const z = () => periods.map(() => 0);
            const s = ind.series[key] || (ind.series[key] = { key, asserted: z(), hedged: z(), negated: z(), docs: z(), _d: periods.map(() => new Set()), _first: {} });
            ind.items++; ind.docset.add(r.document_id); ind.storyset.add(r.story || r.document_id);
            // a story counts once in a series, in the first period it appears in (rows are newest first)
            const sk = r.story || r.document_id;
            if (!(sk in s._first) || i < s._first[sk]) s._first[sk] = i;
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
            indicator: ind.indicator, items: ind.items, asserted: ind.asserted, hedged: ind.hedged, negated: ind.negated, docs: ind.docset.size, stories: ind.storyset.size,
            series: Object.values(ind.series).sort((a, b) => (a.key < b.key ? -1 : 1)).map((s) => ({ key: s.key, asserted: s.asserted, hedged: s.hedged, negated: s.negated, docs: s._d.map((x) => x.size),
              stories: Object.values(s._first).reduce((acc, i) => { acc[i]++; return acc; }, periods.map(() => 0)) })),
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
      const box = clear($("f-" + k));
      for (const v of o[k]) box.appendChild(el("label", {}, el("input", { type: "checkbox", name: k, value: v }), " " + (k === "place" || k === "outlet" ? v : human(v))));
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
      const box = $("f-" + k);
      for (const v of vals) if (box && ![...form.querySelectorAll("input[name=" + k + "]")].some((c) => c.value === v))
        box.appendChild(el("label", {}, el("input", { type: "checkbox", name: k, value: v }), " " + v));
      for (const c of form.querySelectorAll("input[name=" + k + "]")) c.checked = vals.has(c.value);
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
    if (f.min_confidence) add("min_confidence", null, "confidence ≥ " + f.min_confidence);
  }
  function applyFilters(f, view) {
    state.filters = f;
    state.offset = 0;
    if (view) state.view = view;
    filtersToForm(f);
    document.body.classList.remove("filters-open");
    $("filters-toggle").setAttribute("aria-expanded", "false");
    render();
  }

  // -- views ------------------------------------------------------------------------------------------------------
  let renders = 0;
  const STALE = { stale: true };
  // a view's call, dropped when another render started meanwhile (its answer would overwrite the newer one's)
  async function current(path, params) {
    const ticket = renders;
    const r = await source.get(path, params);
    if (ticket !== renders) throw STALE;
    return r;
  }
  async function render(push = true) {
    writeHash(push);
    renderChips();
    renderDownloads();
    const ticket = ++renders;
    for (const v of VIEWS) {
      $("view-" + v).hidden = v !== state.view;
      $("tab-" + v).setAttribute("aria-selected", String(v === state.view));
      $("tab-" + v).tabIndex = v === state.view ? 0 : -1;
    }
    showError(null);
    document.body.dataset.rendered = "0";
    try {
      if (state.view === "trends") await renderTrends();
      else if (state.view === "evidence") await renderEvidence();
      else if (state.view === "quotes") await renderQuotes();
      else if (state.view === "places") await renderPlaces();
      else if (state.view === "copies") await renderCopies();
      else await renderSources();
      if (state.item) await openItem(state.item, false); else $("detail").hidden = true;
    } catch (e) { if (e !== STALE) showError(e); }
    if (ticket === renders) document.body.dataset.rendered = "1";
  }

  // the download links: exactly what the view shows, with its filters (the server's /api/download/{view})
  function renderDownloads() {
    const box = $("downloads");
    box.hidden = source.name !== "live" || state.view === "copies";
    if (box.hidden) return;
    const p = filterParams(state.filters);
    if (state.view === "quotes") { p.delete("q"); if (state.qq) p.set("q", state.qq); }
    if (state.view === "trends") { p.set("interval", state.interval); p.set("split", state.split); }
    if (state.view === "evidence" && state.sort !== "newest") p.set("sort", state.sort);
    for (const fmtName of ["csv", "jsonl", "geojson"]) {
      const a = $("dl-" + fmtName);
      const q = new URLSearchParams(p); q.set("format", fmtName);
      a.href = "api/download/" + state.view + "?" + q.toString();
      a.setAttribute("download", "moralewatch-" + state.view + "." + fmtName);
      a.hidden = fmtName === "geojson" && state.view !== "places";
    }
  }

  const toTs = (p) => Date.parse(p + "T00:00:00Z") / 1000;
  function periodEnd(p, interval) {
    const d = new Date(p + "T00:00:00Z");
    if (interval === "day") return p;
    if (interval === "week") d.setUTCDate(d.getUTCDate() + 6);
    else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  }
  let focusAfter = null; // where keyboard focus goes once a view is drawn (a keyboard drill lands on the evidence)
  function drillTo(extra, period, interval, keyboard) {
    const f = Object.assign({}, state.filters, extra);
    if (period) { f.since = period; f.until = periodEnd(period, interval); }
    if (keyboard) focusAfter = "#e-body tr";
    applyFilters(f, "evidence");
  }
  function chartWidth(node) { return Math.max(240, Math.floor(node.getBoundingClientRect().width) - 4); }
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function periodLabel(p, interval, long) {
    const [y, m, d] = p.split("-").map(Number);
    if (interval === "month") return MONTHS[m - 1] + " " + y;
    const s = d + " " + MONTHS[m - 1] + (long ? " " + y : "");
    return interval === "week" ? (long ? "week of " + s : s) : s;
  }
  // ticks only at period starts, as many as fit (about one per 70 px), labelled by the interval: no hourly ticks
  function xAxis(periods, interval) {
    const xs = periods.map(toTs);
    return {
      splits: (u) => {
        const fit = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 70));
        const step = Math.max(1, Math.ceil(xs.length / fit));
        return xs.filter((_, i) => i % step === 0);
      },
      values: (u, vals) => vals.map((v, i) => {
        const p = periods[xs.indexOf(v)];
        if (!p) return "";
        const prev = i ? periods[xs.indexOf(vals[i - 1])] : null;
        return periodLabel(p, interval, false) + (interval !== "month" && (!prev || prev.slice(0, 4) !== p.slice(0, 4)) ? "\n" + p.slice(0, 4) : "");
      }),
    };
  }
  const INT_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6];
  const measureUnit = (m) => (m === "stories" ? "independent stories" : m === "docs" ? "documents" : m === "rate" ? "per 100 docs" : m === "share" ? "% of the period's items" : "items");
  const isCount = (m) => m === "items" || m === "docs" || m === "stories";
  const valueText = (v, measure) => (v === null || v === undefined ? "–" : isCount(measure) ? fmt(v) : measure === "share" ? (+v.toFixed(1)) + "%" : String(+v.toFixed(2)));
  // counts get whole-number ticks only; rates and shares get decimals
  function yAxis(label, measure, extra) {
    return Object.assign({ label, size: 56, incrs: isCount(measure) ? INT_INCRS : undefined,
      values: (u, vals) => vals.map((v) => valueText(v, measure)) }, extra || {});
  }
  const yScale = (measure) => ({ range: (u, lo, hi) => [0, Math.max(isCount(measure) ? 1 : 0.1, (hi || 0) * 1.08)] });

  function makePlot(node, opts, data, onClick, describe) {
    if (typeof uPlot === "undefined") { node.appendChild(el("p", { class: "empty" }, "chart library missing")); return null; }
    const periods = opts.periods, interval = opts.interval;
    delete opts.periods; delete opts.interval;
    for (const sr of opts.series.slice(1)) if (!sr.value) sr.value = (u, v) => valueText(v, sr.measure || state.measure);
    opts.series[0] = Object.assign({ label: interval, value: (u, ts) => (ts === null || ts === undefined ? "–" : periodLabel(periods[data[0].indexOf(ts)] || "", interval, true)) }, opts.series[0]);
    const u = new uPlot(Object.assign({ width: chartWidth(node), cursor: { drag: { x: false, y: false } }, legend: { live: true } }, opts), data, node);
    node._uplot = u; // (tests read its ticks)
    if (onClick) u.over.addEventListener("click", () => { if (u.cursor.idx !== null && u.cursor.idx !== undefined) onClick(u.cursor.idx); });
    // keyboard: the chart is one tab stop; arrows move between periods (values in the legend and read out),
    // Enter opens the evidence of the period
    const live = el("p", { class: "sr-only", "aria-live": "polite" });
    node.appendChild(live);
    node.tabIndex = 0;
    node.setAttribute("role", "group");
    node.setAttribute("aria-label", (describe || "chart") + ": use left and right arrows to read each period, Enter to open its evidence");
    let idx = null;
    const show = (i) => {
      idx = Math.max(0, Math.min(data[0].length - 1, i));
      const left = u.valToPos(data[0][idx], "x");
      let top = 10;
      for (let s = 1; s < data.length; s++) { const v = data[s][idx]; if (v !== null && v !== undefined && u.series[s].scale !== "docs") { top = u.valToPos(v, u.series[s].scale || "y"); break; } }
      u.setCursor({ left, top });
      node.dataset.idx = String(idx);
      live.textContent = periodLabel(periods[idx], interval, true) + ": " + u.series.slice(1).map((sr, s) => sr.label + " " + valueText(data[s + 1][idx], sr.measure || state.measure)).join(", ");
    };
    node.addEventListener("focus", () => { if (idx === null) { let last = 0; for (let i = 0; i < data[0].length; i++) if (data.slice(1).some((d) => d[i])) last = i; show(last); } else show(idx); });
    node.addEventListener("keydown", (e) => {
      if (e.target !== node) return;
      if (e.key === "ArrowRight" || e.key === "ArrowLeft" || e.key === "Home" || e.key === "End") {
        e.preventDefault();
        const cur = idx === null ? 0 : idx;
        show(e.key === "ArrowRight" ? cur + 1 : e.key === "ArrowLeft" ? cur - 1 : e.key === "Home" ? 0 : data[0].length - 1);
      } else if (e.key === "Enter" && idx !== null && onClick) { e.preventDefault(); onClick(idx, true); }
    });
    return u;
  }

  function measured(arr, denom, totals) {
    return arr.map((v, i) => state.measure === "rate" ? (denom[i] ? Math.round(10000 * v / denom[i]) / 100 : null)
      : state.measure === "share" ? (totals[i] ? Math.round(1000 * v / totals[i]) / 10 : null) : v);
  }

  async function renderTrends() {
    $("t-interval").value = state.interval; $("t-split").value = state.split;
    for (const b of document.querySelectorAll("#t-measure button")) b.setAttribute("aria-checked", String(b.dataset.measure === state.measure));
    const p = filterParams(state.filters);
    p.set("interval", state.interval); p.set("split", state.split);
    const t = await current("trends", p);
    const ov = clear($("t-overview")), grid = clear($("t-grid"));
    const xs = t.periods.map(toTs);
    const totalBy = (field) => t.periods.map((_, i) => t.indicators.reduce((a, ind) => a + ind.series.reduce((b, s) => b + s[field][i], 0), 0));
    const asserted = totalBy("asserted"), hedged = totalBy("hedged"), negated = totalBy("negated");
    const allItems = t.periods.map((_, i) => asserted[i] + hedged[i] + negated[i]);
    const docsAnalysed = t.denominator.reduce((a, b) => a + b, 0);
    const total = t.indicators.reduce((a, x) => a + x.items, 0);
    ov.appendChild(el("h2", {}, "Evidence over time, with documents analysed"));
    ov.appendChild(el("p", { class: "sub" }, el("b", {}, fmt(total)), " evidence items (", fmt(t.indicators.reduce((a, x) => a + x.asserted, 0)),
      " asserted · ", fmt(t.indicators.reduce((a, x) => a + x.hedged, 0)), " hedged · ", fmt(t.indicators.reduce((a, x) => a + x.negated, 0)),
      " negated) in ", el("b", {}, fmt(docsAnalysed)), " documents analysed, by ", t.interval,
      " · trends count ", el("b", { id: "t-counting" }, state.measure === "stories" ? "independent stories (copies once)" : "raw " + measureUnit(state.measure)),
      t.undated ? " · " + fmt(t.undated) + " undated items not charted" : "", " · click a point for its evidence"));
    if (!t.periods.length) { ov.appendChild(el("p", { class: "empty" }, "No evidence matches these filters.")); return; }
    const plotBox = el("div", { class: "chart" });
    ov.appendChild(plotBox);
    const om = state.measure === "docs" || state.measure === "stories" ? "items" : state.measure; // the overview counts items (its stories line below); documents are its bars
    const ovm = (arr) => arr.map((v, i) => om === "rate" ? (t.denominator[i] ? Math.round(10000 * v / t.denominator[i]) / 100 : null)
      : om === "share" ? (allItems[i] ? Math.round(1000 * v / allItems[i]) / 10 : null) : v);
    makePlot(plotBox, {
      height: 210, periods: t.periods, interval: t.interval,
      series: [{}, { label: "documents analysed", scale: "docs", measure: "docs", stroke: "#8d99a6", fill: "rgba(184,194,204,.35)", paths: uPlot.paths.bars({ size: [0.8, 40] }) },
        { label: "asserted", stroke: "#1d2330", width: 2, measure: om }, { label: "hedged", stroke: "#8a5a12", width: 1.6, dash: [6, 3], measure: om },
        { label: "negated", stroke: "#4b5563", width: 1.6, dash: [2, 3], measure: om }],
      axes: [xAxis(t.periods, t.interval), yAxis("evidence " + measureUnit(om), om), yAxis("documents", "docs", { side: 1, scale: "docs", grid: { show: false } })],
      scales: { x: xScale(xs), y: yScale(om), docs: { range: (u, lo, hi) => [0, Math.max(1, hi * 1.05)] } },
    }, [xs, t.denominator, ovm(asserted), ovm(hedged), ovm(negated)], (i, kb) => drillTo({}, t.periods[i], t.interval, kb), "all evidence over time");

    if (!t.indicators.length) grid.appendChild(el("p", { class: "empty" }, "No evidence matches these filters."));
    for (const ind of t.indicators) {
      const card = el("div", { class: "card", "data-indicator": ind.indicator });
      card.appendChild(el("button", { type: "button", class: "link more", on: { click: () => drillTo({ indicator: [ind.indicator] }) } }, "evidence →"));
      card.appendChild(el("h3", {}, human(ind.indicator)));
      card.appendChild(el("p", { class: "sub" }, el("b", {}, fmt(ind.items)), " items: ", fmt(ind.asserted), " asserted · ",
        fmt(ind.hedged) + " hedged", " · ", fmt(ind.negated), " negated · in ", fmt(ind.docs), " documents, ",
        el("b", { class: "stories" }, fmt(ind.stories !== undefined ? ind.stories : ind.docs)), " independent stories"));
      const box = el("div", { class: "chart" });
      card.appendChild(box);
      grid.appendChild(card);
      const series = [{}], data = [xs];
      ind.series.forEach((s, j) => {
        const color = COLORS[s.key] || PALETTE[j % PALETTE.length];
        const label = (LABEL[s.key] || human(s.key));
        if (state.measure === "docs") { series.push({ label: label + " documents", stroke: color, width: 2 }); data.push(s.docs); return; }
        if (state.measure === "stories") { series.push({ label: label + " stories", stroke: color, width: 2 }); data.push(s.stories || s.docs); return; }
        series.push({ label: label + " asserted", stroke: color, width: 2 });
        data.push(measured(s.asserted, t.denominator, allItems));
        if (s.hedged.some((x) => x)) { series.push({ label: label + " hedged", stroke: color, width: 1.4, dash: [6, 3] }); data.push(measured(s.hedged, t.denominator, allItems)); }
        if (s.negated.some((x) => x)) { series.push({ label: label + " negated", stroke: color, width: 1.4, dash: [2, 3] }); data.push(measured(s.negated, t.denominator, allItems)); }
      });
      makePlot(box, { height: 170, periods: t.periods, interval: t.interval, series, axes: [xAxis(t.periods, t.interval), yAxis(measureUnit(state.measure), state.measure)],
        scales: { x: xScale(xs), y: yScale(state.measure) } }, data,
        (i, kb) => drillTo({ indicator: [ind.indicator] }, t.periods[i], t.interval, kb), human(ind.indicator) + " over time");
    }
  }

  async function renderEvidence() {
    $("e-sort").value = state.sort;
    const p = filterParams(state.filters);
    p.set("limit", state.limit); p.set("offset", state.offset); p.set("sort", state.sort);
    const r = await current("evidence", p);
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
    if (focusAfter === "#e-body tr" && body.firstChild) { body.firstChild.focus(); focusAfter = null; }
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

  const sides = (m) => Object.entries(m || {}).map(([k, n]) => (LABEL[k] || k) + " " + fmt(n)).join(", ");
  // how many independent stories carry this claim (the same words in copies of one story count once)
  function independentText(ind) {
    if (!ind) return el("span", { class: "muted" }, "not grouped into stories yet");
    return el("span", {}, el("b", {}, fmt(ind.stories)), ind.stories === 1 ? " independent story" : " independent stories",
      " (", fmt(ind.documents), ind.documents === 1 ? " document" : " documents", ")",
      el("div", { class: "muted" }, "by claimant side: ", sides(ind.by_claimant_side), " · by publishing side: ", sides(ind.by_publishing_side)));
  }
  function storyLink(st) {
    if (!st) return "—";
    const open = () => { state.story = st.story; state.item = null; $("detail").hidden = true; state.view = "copies"; render(); };
    return el("span", {}, human(st.relation), st.relation === "original" ? " (first source)" : " of the first source", " · ",
      fmt(st.documents), st.documents === 1 ? " document " : " documents ",
      el("button", { type: "button", class: "link", id: "d-copies", on: { click: open } }, "copies →"),
      st.flags && st.flags.length ? el("div", {}, st.flags.map((f) => el("span", { class: "flag " + f }, human(f)))) : null);
  }

  // -- copies: a story, its members, their differences and the first source ----------------------------------------
  async function renderCopies() {
    const p = filterParams(state.filters); p.set("limit", "100");
    const list = await current("stories", p);
    const body = clear($("c-body"));
    $("c-count").textContent = !list.grouped ? "This store is not grouped into stories yet (run analyze with this version)."
      : `${fmt(list.n_documents)} documents in ${fmt(list.n_stories)} stories · ` + (list.n_matching !== undefined
        ? (list.n_matching === 1 ? "the 1 story with copies that holds" : `the ${fmt(list.n_matching)} stories with copies that hold`) + " evidence the filters select:"
        : "the stories with copies:");
    for (const st of list.stories) {
      body.appendChild(el("tr", { tabindex: 0, "data-story": st.story, class: state.story === st.story ? "selected" : null,
        on: { click: () => { state.story = st.story; render(); }, keydown: (e) => { if (e.key === "Enter") { state.story = st.story; render(); } } } },
        el("td", { class: "num" }, fmt(st.documents)), el("td", {}, st.title || "(untitled)"), el("td", {}, st.outlet || ""), el("td", { class: "date" }, st.day || "undated")));
    }
    if (!list.stories.length) body.appendChild(el("tr", {}, el("td", { colspan: 4, class: "empty" }, "No story has copies.")));
    const box = clear($("c-story"));
    if (!state.story) { box.appendChild(el("p", { class: "muted" }, "Pick a story to see its copies.")); return; }
    const c = await current("stories/" + encodeURIComponent(state.story));
    box.appendChild(el("h2", {}, "Story ", el("code", {}, c.story), " · ", fmt(c.documents), " documents"));
    box.appendChild(el("p", { class: "sub" }, "First source (earliest published): ", el("b", { id: "c-first" }, (c.members.find((m) => m.first_source) || {}).outlet || c.first_source),
      " on ", c.first_published || "an unknown day", c.same_event_stories.length ? ` · ${c.same_event_stories.length} other stories report the same event` : ""));
    const tb = el("tbody", { id: "c-members" });
    for (const m of c.members) {
      const url = safeUrl(m.url);
      const diff = m.differences;
      tb.appendChild(el("tr", { class: m.first_source ? "first" : null, "data-relation": m.relation },
        el("td", { class: "date" }, m.published ? String(m.published).slice(0, 10) : "undated"),
        el("td", {}, m.outlet || "", url ? [" ", el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "↗")] : null,
          m.byline ? el("div", { class: "muted" }, "byline: " + m.byline) : null),
        el("td", {}, el("b", {}, human(m.relation)), m.first_source ? " (first source)" : "", el("div", {}, (m.flags || []).map((f) => el("span", { class: "flag " + f }, human(f))))),
        el("td", { class: "diff" }, !diff ? (m.first_source ? el("span", { class: "muted" }, "the text the others are compared with") : el("span", { class: "muted" }, "text not stored"))
          : [el("div", { class: "muted" }, `${fmt(diff.same_paragraphs)} of ${fmt(diff.paragraphs)} paragraphs as in the first source · ${fmt(diff.n_added)} added · ${fmt(diff.n_removed)} removed`),
             ...diff.added.map((x) => el("div", { class: "added" }, "+ " + x)), ...diff.removed.map((x) => el("div", { class: "removed" }, "− " + x))])));
    }
    box.appendChild(el("div", { class: "scroll" }, el("table", { class: "plain", id: "c-table" },
      el("thead", {}, el("tr", {}, el("th", {}, "Date"), el("th", {}, "Outlet"), el("th", {}, "Relation"), el("th", {}, "Differences from the first source"))), tb)));
  }

  let openedFrom = null;
  async function openItem(key, push) {
    state.item = key;
    if (push) { writeHash(true); openedFrom = document.activeElement; }
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
      el("dt", {}, "Quote"), el("dd", {}, q ? [q.kind || "", "quote", q.cue ? "· cue “" + q.cue + "”" : ""].join(" ") : "reported claim (no quote)"),
      el("dt", {}, "Sources"), el("dd", { id: "d-independent" }, independentText(r.independent)),
      el("dt", {}, "Story"), el("dd", { id: "d-story" }, storyLink(r.story))));
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
    if (push) { $("d-title").tabIndex = -1; $("d-title").focus({ preventScroll: true }); } // focus moves into the panel
  }

  let outline = null;
  async function loadOutline() {
    if (outline) return outline;
    const node = document.getElementById("mw-outline");
    if (node) outline = JSON.parse(node.textContent);
    else outline = await (await fetch("static/geo/outline.json")).json();
    return outline;
  }

  // -- places: a map fitted to the data, zoom and pan, nearby places grouped, labels that never collide ------------
  const MAP_W = 900, MAP_H = 560, MAP_K = Math.cos((48.5 * Math.PI) / 180);
  const PX = (lon) => lon * MAP_K * 100, PY = (lat) => -lat * 100; // projected units (equirectangular)
  const mapState = { box: null, fit: null, points: [], outlinePaths: null };
  function aspectBox(x0, y0, x1, y1) {
    let w = x1 - x0, h = y1 - y0;
    const a = MAP_H / MAP_W;
    if (h / w > a) { const nw = h / a; x0 -= (nw - w) / 2; w = nw; } else { const nh = w * a; y0 -= (nh - h) / 2; h = nh; }
    return { x: x0, y: y0, w, h };
  }
  function fitBox(points) {
    if (!points.length) return aspectBox(PX(21), PY(53.6), PX(41.5), PY(43.6));
    const xs = points.map((p) => PX(p.lon)), ys = points.map((p) => PY(p.lat));
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const padX = Math.max((x1 - x0) * 0.12, 150), padY = Math.max((y1 - y0) * 0.12, 150);
    return aspectBox(x0 - padX, y0 - padY, x1 + padX, y1 + padY);
  }
  let measureCtx = null;
  function textWidth(t, px) {
    measureCtx = measureCtx || document.createElement("canvas").getContext("2d");
    measureCtx.font = px + "px system-ui, sans-serif";
    return measureCtx.measureText(t).width;
  }
  function drawMap() {
    const host = $("p-map");
    const svgNode = host.querySelector("svg");
    if (!svgNode || !mapState.box) return;
    const b = mapState.box;
    svgNode.setAttribute("viewBox", `${b.x} ${b.y} ${b.w} ${b.h}`);
    const upp = b.w / Math.max(200, svgNode.getBoundingClientRect().width || MAP_W); // units per screen pixel
    const layer = svgNode.querySelector("g.points");
    clear(layer);
    const inView = mapState.points.filter((p) => { const x = PX(p.lon), y = PY(p.lat); return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h; });
    const max = Math.max(1, ...mapState.points.map((x) => x.items));
    // group places closer than 26 px on screen, biggest first
    const clusters = [];
    for (const p of inView.slice().sort((a, c) => c.items - a.items || (a.place < c.place ? -1 : 1))) {
      const x = PX(p.lon), y = PY(p.lat);
      const rp = 4 + 16 * Math.sqrt(Math.min(1, p.items / max));
      const near = clusters.find((c) => Math.hypot(c.x - x, c.y - y) / upp < Math.max(22, 0.9 * (rp + c.rpx0)));
      if (near) { near.members.push(p); near.items += p.items; near.ru += p.ru; near.ua += p.ua; }
      else clusters.push({ x, y, members: [p], items: p.items, ru: p.ru, ua: p.ua, rpx0: rp });
    }
    const circles = [], boxes = [];
    for (const c of clusters) {
      const rpx = 4 + 16 * Math.sqrt(Math.min(1, c.items / max));
      const cls = (c.ru > 2 * c.ua ? "ru" : c.ua > 2 * c.ru ? "ua" : "mixed") + (c.members.length > 1 ? " cluster" : "");
      const names = c.members.map((m) => m.place);
      const title = c.members.length > 1
        ? `${c.members.length} places, ${fmt(c.items)} items: ${c.members.map((m) => m.place + " " + fmt(m.items)).join(", ")} · click to zoom in`
        : (() => { const pl = c.members[0]; return `${pl.place}: ${fmt(pl.items)} items in ${fmt(pl.docs)} documents (about RU ${fmt(pl.ru)}, UA ${fmt(pl.ua)}; hedged ${fmt(pl.hedged)}, negated ${fmt(pl.negated)})`; })();
      const g = svg("g", { class: "pt", tabindex: 0, role: "button", "aria-label": title,
        "data-place": c.members.length === 1 ? names[0] : null, "data-places": JSON.stringify(names) },
        svg("title", {}, title), svg("circle", { cx: c.x, cy: c.y, r: rpx * upp, class: cls }));
      if (c.members.length > 1) g.appendChild(svg("text", { x: c.x, y: c.y + 4 * upp, class: "ccount", "font-size": 11 * upp }, String(c.members.length)));
      const act = () => {
        const xs = c.members.map((m) => PX(m.lon)), ys = c.members.map((m) => PY(m.lat));
        const w = Math.max(...xs) - Math.min(...xs), h = Math.max(...ys) - Math.min(...ys);
        if (c.members.length > 1 && (w > 2 || h > 2)) {
          mapState.box = aspectBox(Math.min(...xs) - w * 0.3 - 20, Math.min(...ys) - h * 0.3 - 20, Math.max(...xs) + w * 0.3 + 20, Math.max(...ys) + h * 0.3 + 20);
          drawMap();
        } else drillTo({ place: names });
      };
      g.addEventListener("click", act);
      g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); act(); } });
      layer.appendChild(g);
      circles.push({ x: c.x, y: c.y, r: rpx * upp });
      c.g = g; c.rpx = rpx;
    }
    // labels: biggest first, at the first of four positions that overlaps no label and no other circle
    const overlaps = (a, c) => a.x < c.x + c.w && c.x < a.x + a.w && a.y < c.y + c.h && c.y < a.y + a.h;
    const hitsCircle = (a, own) => circles.some((ci) => ci !== own && ci.x + ci.r > a.x && ci.x - ci.r < a.x + a.w && ci.y + ci.r > a.y && ci.y - ci.r < a.y + a.h);
    let hidden = 0;
    clusters.forEach((c, i) => {
      const text = c.members.length > 1 ? c.members[0].place + " +" + (c.members.length - 1) : c.members[0].place;
      const w = (textWidth(text, 11) + 4) * upp, h = 13 * upp, r = c.rpx * upp, gap = 2 * upp;
      const spots = [[c.x + r + gap, c.y - h / 2], [c.x - r - gap - w, c.y - h / 2], [c.x - w / 2, c.y - r - gap - h], [c.x - w / 2, c.y + r + gap]];
      for (const [x, y] of spots) {
        const a = { x, y, w, h };
        const b2 = mapState.box;
        if (x < b2.x || y < b2.y || x + w > b2.x + b2.w || y + h > b2.y + b2.h) continue; // inside the frame
        if (boxes.some((o) => overlaps(a, o)) || hitsCircle(a, circles[i])) continue;
        boxes.push(a);
        c.g.appendChild(svg("text", { x: x + 2 * upp, y: y + h - 3 * upp, class: "plabel", "font-size": 11 * upp }, text));
        return;
      }
      hidden++;
    });
    // country names last, only where they hide no place label
    const COUNTRY_LABELS = { Ukraine: [31.2, 49.2], Russia: [39.5, 52.6], Belarus: [28.0, 53.2], Poland: [20.5, 52.4], Romania: [24.6, 45.7],
                             Moldova: [28.5, 47.3], Hungary: [19.3, 47.1], Slovakia: [19.5, 48.8], Turkey: [33.0, 39.2], Georgia: [43.5, 42.2] };
    for (const [n, c] of Object.entries(COUNTRY_LABELS)) {
      const w = (textWidth(n, 10) + 2) * upp, h = 12 * upp, x = PX(c[0]) - w / 2, y = PY(c[1]) - h / 2;
      const a = { x, y, w, h };
      if (x < b.x || y < b.y || x + w > b.x + b.w || y + h > b.y + b.h || boxes.some((o) => overlaps(a, o)) || hitsCircle(a, null)) continue;
      boxes.push(a);
      layer.insertBefore(svg("text", { x: x + upp, y: y + h - 3 * upp, class: "clabel", "font-size": 10 * upp }, n), layer.firstChild);
    }
    const outside = mapState.points.length - inView.length;
    $("p-status").textContent = (outside ? `${fmt(outside)} places outside this view · ` : "") + (hidden ? `${fmt(hidden)} labels hidden to avoid overlap (hover a circle)` : "");
  }
  function zoomMap(f, cx, cy) {
    const b = mapState.box; if (!b) return;
    cx = cx === undefined ? b.x + b.w / 2 : cx; cy = cy === undefined ? b.y + b.h / 2 : cy;
    mapState.box = { x: cx - (cx - b.x) / f, y: cy - (cy - b.y) / f, w: b.w / f, h: b.h / f };
    drawMap();
  }
  function outlinePaths(geo) {
    if (mapState.outlinePaths) return mapState.outlinePaths;
    mapState.outlinePaths = geo.features.map((f) => {
      let d = "";
      for (const poly of f.geometry.coordinates) for (const ring of poly) d += "M" + ring.map((c) => PX(c[0]).toFixed(0) + "," + PY(c[1]).toFixed(0)).join("L") + "Z";
      return { name: f.properties.name, d };
    });
    return mapState.outlinePaths;
  }

  async function renderPlaces() {
    const p = filterParams(state.filters);
    const [r, geo] = await Promise.all([current("places", p), loadOutline()]);
    const points = r.places.filter((x) => !AREA_KINDS.includes(x.kind));
    const areas = r.places.filter((x) => AREA_KINDS.includes(x.kind));
    const areaItems = Object.fromEntries(areas.map((a) => [a.place, a]));
    const map = svg("svg", { viewBox: `0 0 ${MAP_W} ${MAP_H}`, role: "group", "aria-label": "map of evidence by place", preserveAspectRatio: "xMidYMid meet" });
    const grat = svg("g", { class: "graticule" });
    for (let lon = -180; lon <= 180; lon += 10) grat.appendChild(svg("path", { d: `M${PX(lon)},${PY(85)}L${PX(lon)},${PY(-85)}` }));
    for (let lat = -80; lat <= 80; lat += 10) grat.appendChild(svg("path", { d: `M${PX(-180)},${PY(lat)}L${PX(180)},${PY(lat)}` }));
    map.appendChild(grat);
    const countries = svg("g", {});
    for (const c of outlinePaths(geo)) {
      const a = areaItems[c.name];
      countries.appendChild(svg("path", { d: c.d, class: "country" + (c.name === "Ukraine" ? " ukraine" : "") + (a ? " has-evidence" : "") },
        svg("title", {}, c.name + (a ? `: ${fmt(a.items)} items about the country as a whole` : ""))));
    }
    map.appendChild(countries);
    map.appendChild(svg("g", { class: "points" }));
    clear($("p-map")).appendChild(map);
    mapState.points = points;
    mapState.fit = mapState.box = fitBox(points);
    drawMap();
    const areasBox = clear($("p-areas"));
    for (const a of areas) areasBox.appendChild(el("li", {}, el("button", { type: "button", class: "link", on: { click: () => drillTo({ place: [a.place] }) } }, a.place),
      " ", el("span", { class: "muted" }, `${a.kind} · ${fmt(a.items)} items in ${fmt(a.docs)} documents`)));
    $("p-areas-h").hidden = !areas.length;
    const body = clear($("p-body"));
    for (const pl of [...r.places, ...r.unlocated]) {
      body.appendChild(el("tr", {}, el("td", {}, el("button", { type: "button", class: "link", on: { click: () => drillTo({ place: [pl.place] }) } }, pl.place),
        pl.lat === undefined ? el("span", { class: "muted" }, " (no coordinates)") : AREA_KINDS.includes(pl.kind) ? el("span", { class: "muted" }, " (" + pl.kind + ")") : null),
        el("td", { class: "num" }, fmt(pl.items)), el("td", { class: "num" }, fmt(pl.docs)), el("td", { class: "num" }, fmt(pl.ru)),
        el("td", { class: "num" }, fmt(pl.ua)), el("td", { class: "num" }, fmt(pl.hedged)), el("td", { class: "num" }, fmt(pl.negated))));
    }
    $("p-note").textContent = `${fmt(r.without_place)} matching items have no place. ${fmt(points.length)} places drawn, ${fmt(areas.length)} countries and regions listed apart. Outline: Natural Earth 1:50m (public domain), via world-atlas; it covers 14–50°E, 38–60°N: places beyond it are drawn on the grid of meridians and parallels.`;
  }

  async function renderQuotes() {
    $("qt-q").value = state.qq || "";
    const p = filterParams(state.filters);
    p.delete("q");
    if (state.qq) p.set("q", state.qq);
    p.set("limit", state.limit); p.set("offset", state.offset);
    const [r, sp] = await Promise.all([current("quotes", p), current("speakers")]);
    const last = Math.min(r.total, state.offset + r.items.length);
    const unused = ["indicator", "subject_side", "place", "hedged", "negated", "min_confidence", "q"].filter((k) => state.filters[k] && state.filters[k].length);
    $("qt-count").textContent = (r.total ? `${fmt(state.offset + 1)}–${fmt(last)} of ${fmt(r.total)} quotes` : "No quote matches.") +
      (unused.length ? ` (quotes are not narrowed by: ${unused.map((k) => k === "q" ? "the evidence search" : human(k)).join(", ")})` : "");
    $("qt-prev").disabled = state.offset <= 0;
    $("qt-next").disabled = last >= r.total;
    const body = clear($("qt-body"));
    for (const q of r.items) {
      const url = safeUrl(q.url);
      body.appendChild(el("tr", {}, el("td", { class: "date" }, q.day || "undated"),
        el("td", { class: "evtext" }, "“" + q.text + "”", el("div", { class: "muted" }, q.title || "", " ", url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, "original ↗") : null)),
        el("td", {}, q.speaker || el("span", { class: "muted" }, "unattributed"), " ", sideBadge(q.side),
          q.speaker_merged && q.speaker_merged !== q.speaker ? el("div", { class: "muted" }, "= " + q.speaker_merged) : null),
        el("td", {}, q.outlet || "")));
    }
    $("sp-note").textContent = `${fmt(sp.total)} speakers; ${fmt(sp.merged)} of them under several spellings (knowledge-base aliases, then close spellings of full names). Descriptions such as “a soldier” are never merged.`;
    const sb = clear($("sp-body"));
    for (const s of sp.speakers.slice(0, 100)) {
      sb.appendChild(el("tr", { "data-speaker": s.speaker }, el("td", {}, el("button", { type: "button", class: "link", on: { click: () => { state.filters = Object.assign({}, state.filters, { claimant: s.names }); state.offset = 0; render(); } } }, s.speaker)),
        el("td", { class: "num" }, fmt(s.quotes)), el("td", { class: "num" }, fmt(s.docs)),
        el("td", { class: "variants" }, s.names.length > 1 ? s.variants.map((v) => v.name + " (" + fmt(v.count) + ")").join(" · ") : el("span", { class: "muted" }, "one spelling"))));
    }
  }

  async function renderSources() {
    const r = await current("sources", filterParams(state.filters));
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
    let merged = {};
    if (source.name === "live") {
      try { for (const g of (await current("speakers")).speakers) for (const n of g.names) merged[n] = g; } catch (e) { if (e === STALE) throw e; merged = {}; }
    }
    for (const s of r.speakers) {
      const g = merged[s.speaker];
      const names = g && g.names.length > 1 ? g.names : [s.speaker];
      sb.appendChild(el("tr", {}, el("td", {}, el("button", { type: "button", class: "link", on: { click: () => drillTo({ claimant: names }) } }, s.speaker),
        names.length > 1 ? el("div", { class: "muted" }, "one speaker: " + g.speaker + " · spelled " + names.join(" / ")) : null),
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
    $("summary").textContent = `${fmt(c.documents)} documents · ${fmt(c.indicators)} evidence items` + (c.undated ? ` (${fmt(c.undated)} undated, not in the trends)` : "") + (er[0] ? ` · ${er[0]} to ${er[1]}` : "");
    const h = readHash();
    fromHash();
    if (!h.view && er[1] && daysBefore(er[1], 90) > er[0]) state.filters = { since: daysBefore(er[1], 90) }; // morning default: the last 90 days
    filtersToForm(state.filters);
    // Back and Forward: the address holds the view and its filters; moving through history redraws from it
    const follow = () => { if (location.hash === lastHash) return; lastHash = location.hash; fromHash(); render(false); };
    window.addEventListener("popstate", follow);
    window.addEventListener("hashchange", follow);
    $("filters-toggle").addEventListener("click", () => {
      const open = !document.body.classList.contains("filters-open");
      document.body.classList.toggle("filters-open", open);
      $("filters-toggle").setAttribute("aria-expanded", String(open));
      if (open) $("f-q").focus();
    });
    for (const b of document.querySelectorAll("#t-measure button")) b.addEventListener("click", () => { state.measure = b.dataset.measure; render(); });
    $("qt-form").addEventListener("submit", (e) => { e.preventDefault(); state.qq = $("qt-q").value.trim(); state.offset = 0; render(); });
    $("qt-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); render(); });
    $("qt-next").addEventListener("click", () => { state.offset += state.limit; render(); });
    $("p-zin").addEventListener("click", () => zoomMap(1.6));
    $("p-zout").addEventListener("click", () => zoomMap(1 / 1.6));
    $("p-fit").addEventListener("click", () => { mapState.box = mapState.fit; drawMap(); });
    $("p-map").addEventListener("wheel", (e) => {
      const svgNode = $("p-map").querySelector("svg"); if (!svgNode || !mapState.box) return;
      e.preventDefault();
      const rc = svgNode.getBoundingClientRect(), b = mapState.box;
      zoomMap(e.deltaY < 0 ? 1.25 : 0.8, b.x + ((e.clientX - rc.left) / rc.width) * b.w, b.y + ((e.clientY - rc.top) / rc.height) * b.h);
    }, { passive: false });
    let drag = null;
    $("p-map").addEventListener("pointerdown", (e) => { if (e.target.closest("g.pt")) return; drag = { x: e.clientX, y: e.clientY, box: mapState.box }; });
    window.addEventListener("pointerup", () => { drag = null; });
    $("p-map").addEventListener("pointermove", (e) => {
      if (!drag || !drag.box) return;
      const rc = $("p-map").getBoundingClientRect(), f = drag.box.w / rc.width;
      mapState.box = Object.assign({}, drag.box, { x: drag.box.x - (e.clientX - drag.x) * f, y: drag.box.y - (e.clientY - drag.y) * f });
      drawMap();
    });
    // tabs: arrows move between them (the WAI-ARIA tabs pattern)
    $("tab-trends").parentNode.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
      const i = VIEWS.indexOf(state.view), j = (i + (e.key === "ArrowRight" ? 1 : VIEWS.length - 1)) % VIEWS.length;
      state.view = VIEWS[j]; state.offset = 0; render(); $("tab-" + VIEWS[j]).focus();
    });
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
    $("e-sort").addEventListener("change", (e) => { state.sort = e.target.value; state.offset = 0; render(); });
    $("e-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); render(); });
    $("e-next").addEventListener("click", () => { state.offset += state.limit; render(); });
    $("d-close").addEventListener("click", () => {
      state.item = null; $("detail").hidden = true; writeHash(true);
      for (const tr of document.querySelectorAll("#e-body tr.selected")) tr.classList.remove("selected");
      if (openedFrom && document.contains(openedFrom)) openedFrom.focus(); // focus returns where it came from
    });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("detail").hidden) $("d-close").click(); });
    await render(false);
    document.body.dataset.ready = "1";
  }
  start();
})();
