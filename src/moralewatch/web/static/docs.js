/* Renders the OpenAPI description as plain HTML, locally (FastAPI's default docs page loads from a CDN). */
(async function () {
  "use strict";
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
  const main = document.getElementById("docs");
  const spec = await (await fetch("openapi.json")).json();
  main.textContent = "";
  main.appendChild(el("p", spec.info.description || ""));
  main.appendChild(el("p", 'Errors: every error is {"error": {"code", "message", "fix"}} with HTTP 400 (bad parameter), 404 (unknown item or route) or 503 (database).', "muted"));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const card = el("div", null, "card");
      card.appendChild(el("h2", method.toUpperCase() + " " + path));
      card.appendChild(el("p", op.summary || "", "sub"));
      const params = op.parameters || [];
      if (params.length) {
        const t = el("table", null, "plain");
        const head = el("tr"); for (const h of ["parameter", "in", "type", "description"]) head.appendChild(el("th", h));
        t.appendChild(head);
        for (const p of params) {
          const tr = el("tr");
          const sch = p.schema || {};
          const type = sch.type || (sch.anyOf || []).map((x) => x.type + (x.items ? " of " + x.items.type : "")).join(" | ") || "";
          for (const v of [p.name, p.in, type + (sch.type === "array" ? " (repeat)" : ""), p.description || ""]) tr.appendChild(el("td", v));
          t.appendChild(tr);
        }
        card.appendChild(t);
      }
      main.appendChild(card);
    }
  }
})();
