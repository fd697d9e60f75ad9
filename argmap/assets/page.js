// argmap interactive page: zoom and pan, claim details, highlighting of what bears on the
// selected claim, and search. Map text is only ever put into the page as text (textContent),
// never as markup; links are offered only for http, https and mailto URLs.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var stage = document.getElementById("stage");
  var svg = stage.querySelector("svg");
  var panel = document.getElementById("panel");
  var tooltip = document.getElementById("tooltip");
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var searchCount = document.getElementById("search-count");
  var SAFE = /^(https?:|mailto:)/i;
  var ROLE = {
    thesis: "thesis", premise: "premise", intermediate: "intermediate conclusion",
    conclusion: "conclusion"
  };
  document.documentElement.classList.add("js");

  // ---- the model ----------------------------------------------------------------------
  var claims = {};
  data.claims.forEach(function (c) { if (!(c.id in claims)) claims[c.id] = c; });
  var linksById = {};
  var linksInto = {};  // target id (claim or link id) -> links
  var linksFrom = {};  // claim id -> links it is a premise of
  var contradicting = {};  // claim id -> contradiction links it is on either side of
  data.links.forEach(function (l) {
    if (l.id && !(l.id in linksById)) linksById[l.id] = l;
    if (l.relation === "contradicts") {
      [l.premises[0], l.target].forEach(function (id) {
        (contradicting[id] = contradicting[id] || []).push(l);
      });
      return;
    }
    (linksInto[l.target] = linksInto[l.target] || []).push(l);
    l.premises.forEach(function (p) { (linksFrom[p] = linksFrom[p] || []).push(l); });
  });

  // What bears on a claim: walking back from it along support (+1), attack (-1) and
  // contradiction (-1) links, and undercuts of the links met (-1), the sign of a claim is the
  // product of the signs on its path: +1 speaks for the selected claim, -1 against it; a claim
  // reached both ways is "mixed". "direct" marks the links into the claim and their premises.
  function bearing(selected) {
    var claimSigns = {};  // id -> {1: true, -1: true}
    var linkSigns = {};   // index -> {...}
    var direct = { claims: {}, links: {} };
    var queue = [];
    function reach(kind, key, sign) {
      var table = kind === "claim" ? claimSigns : linkSigns;
      var signs = table[key] = table[key] || {};
      if (signs[sign]) return;
      signs[sign] = true;
      queue.push([kind, key, sign]);
    }
    function viaLink(link, sign) {
      // `sign` is how the link's effect on its target bears on the selected claim.
      reach("link", link.index, sign);
      link.premises.forEach(function (p) { reach("claim", p, sign); });
    }
    function relationSign(link) { return link.relation === "supports" ? 1 : -1; }
    claimSigns[selected] = { 1: true };
    queue.push(["claim", selected, 1]);
    (linksInto[selected] || []).forEach(function (l) {
      direct.links[l.index] = true;
      l.premises.forEach(function (p) { direct.claims[p] = true; });
    });
    (contradicting[selected] || []).forEach(function (l) {
      direct.links[l.index] = true;
      direct.claims[l.premises[0] === selected ? l.target : l.premises[0]] = true;
    });
    while (queue.length) {
      var item = queue.shift();
      var kind = item[0], key = item[1], sign = item[2];
      if (kind === "claim") {
        (linksInto[key] || []).forEach(function (l) { viaLink(l, sign * relationSign(l)); });
        (contradicting[key] || []).forEach(function (l) {
          reach("link", l.index, -sign);
          reach("claim", l.premises[0] === key ? l.target : l.premises[0], -sign);
        });
      } else {
        var link = data.links[key];
        if (link.id && linksById[link.id] === link) {
          (linksInto[link.id] || []).forEach(function (u) { viaLink(u, sign * relationSign(u)); });
        }
      }
    }
    delete claimSigns[selected];
    return { claims: claimSigns, links: linkSigns, direct: direct };
  }
  function side(signs) {
    return signs[1] && signs[-1] ? "mixed" : signs[1] ? "for" : "against";
  }

  // ---- the drawing --------------------------------------------------------------------
  var nodes = {};  // claim id -> <g>
  svg.querySelectorAll("g.node").forEach(function (g) {
    if (g.id.indexOf("claim-") !== 0) return;
    var claim = claims[g.id.slice(6)];
    if (!claim) return;
    nodes[claim.id] = g;
    // The page shows its own tooltip and panel: drop the drawing's native tooltip and link.
    g.querySelectorAll("a").forEach(function (a) {
      a.removeAttribute("xlink:title");
      a.removeAttributeNS("http://www.w3.org/1999/xlink", "title");
      a.removeAttributeNS("http://www.w3.org/1999/xlink", "href");
      a.removeAttribute("href");
      a.removeAttribute("target");
    });
    g.querySelectorAll("title").forEach(function (t) { t.remove(); });
    // A ring drawn behind the box shows highlighting, leaving the box's own border (its role,
    // or its status under --eval) as it is.
    var shape = g.querySelector("path, polygon, ellipse");
    if (shape) {
      var halo = shape.cloneNode(false);
      halo.setAttribute("class", "halo");
      halo.setAttribute("fill", "none");
      halo.removeAttribute("stroke-dasharray");
      shape.parentNode.insertBefore(halo, shape);
    }
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", label(claim));
  });
  svg.querySelectorAll("g.edge > title, g.node > title").forEach(function (t) { t.remove(); });
  var parts = {};  // link index -> the elements that draw it
  svg.querySelectorAll('[id^="link-"]').forEach(function (e) {
    var index = e.id.split("-")[1];
    (parts[index] = parts[index] || []).push(e);
  });
  function linkParts(index) { return parts[index] || []; }
  function label(claim) {
    var parts = [(claim.implicit ? "implicit " : "") + ROLE[claim.role] + ": " + claim.text];
    if (claim.by) parts.push("by " + claim.by);
    if (claim.status) parts.push("status " + claim.status);
    return parts.join("; ");
  }

  // ---- zoom and pan -------------------------------------------------------------------
  var view = document.createElementNS("http://www.w3.org/2000/svg", "g");
  view.setAttribute("class", "viewport");
  var box = (svg.getAttribute("viewBox") || "0 0 100 100").split(/[\s,]+/).map(Number);
  var width = box[2] || 100, height = box[3] || 100;
  while (svg.firstChild) view.appendChild(svg.firstChild);
  svg.appendChild(view);
  ["width", "height", "viewBox"].forEach(function (a) { svg.removeAttribute(a); });
  var ACTUAL = 96 / 72;  // Graphviz draws in points
  var k = 1, tx = 0, ty = 0;
  function apply() {
    view.setAttribute("transform", "translate(" + tx.toFixed(2) + " " + ty.toFixed(2) +
      ") scale(" + k.toFixed(4) + ")");
  }
  function fitScale() {
    var w = stage.clientWidth || 800, h = stage.clientHeight || 600;
    return Math.min(w / width, h / height) * 0.96;
  }
  function limits(value) {
    return Math.max(Math.min(fitScale(), ACTUAL) / 4, Math.min(value, 12));
  }
  function fit() {
    k = Math.min(fitScale(), ACTUAL * 1.5);
    tx = (stage.clientWidth - width * k) / 2;
    ty = (stage.clientHeight - height * k) / 2;
    apply();
  }
  function zoomAt(factor, x, y) {
    var next = limits(k * factor);
    tx = x - (x - tx) * (next / k);
    ty = y - (y - ty) * (next / k);
    k = next;
    apply();
  }
  function zoomCentre(factor) { zoomAt(factor, stage.clientWidth / 2, stage.clientHeight / 2); }
  function actualSize() { zoomCentre(ACTUAL / k); }
  function panBy(dx, dy) { tx += dx; ty += dy; apply(); }
  function centreOn(g) {
    var r = g.getBoundingClientRect(), s = stage.getBoundingClientRect();
    var margin = 40;
    if (r.left >= s.left + margin && r.right <= s.right - margin &&
        r.top >= s.top + margin && r.bottom <= s.bottom - margin) return;
    panBy(s.left + s.width / 2 - (r.left + r.width / 2), s.top + s.height / 2 - (r.top + r.height / 2));
  }
  stage.addEventListener("wheel", function (e) {
    e.preventDefault();
    var s = stage.getBoundingClientRect();
    var delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomAt(Math.exp(-delta * 0.0015), e.clientX - s.left, e.clientY - s.top);
  }, { passive: false });
  var drag = null, dragged = false;
  stage.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty, id: e.pointerId };
    dragged = false;
  });
  stage.addEventListener("pointermove", function (e) {
    if (drag && e.pointerId === drag.id) {
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) > 4) {
        dragged = true;
        stage.classList.add("dragging");
        stage.setPointerCapture(e.pointerId);
        hideTooltip();
      }
      if (dragged) { tx = drag.tx + dx; ty = drag.ty + dy; apply(); }
    }
  });
  function endDrag() { drag = null; stage.classList.remove("dragging"); }
  stage.addEventListener("pointerup", endDrag);
  stage.addEventListener("pointercancel", endDrag);
  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var action = button.getAttribute("data-zoom");
      if (action === "in") zoomCentre(1.25);
      else if (action === "out") zoomCentre(0.8);
      else if (action === "fit") fit();
      else actualSize();
    });
  });

  // ---- tooltip ------------------------------------------------------------------------
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function showTooltip(claim, x, y) {
    tooltip.textContent = "";
    var head = el("div");
    head.appendChild(el("span", "role", (claim.implicit ? "implicit " : "") + ROLE[claim.role] +
      (claim.status ? " \u00b7 " + claim.status : "")));
    head.appendChild(el("span", "tip-id", claim.id));
    tooltip.appendChild(head);
    tooltip.appendChild(el("div", null, claim.text));
    if (claim.quote.length) tooltip.appendChild(el("q", null, claim.quote[0]));
    if (claim.by) tooltip.appendChild(el("div", "by", "\u2014 " + claim.by));
    tooltip.hidden = false;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 8);
    var top = y + 16 + h > window.innerHeight ? y - h - 12 : y + 16;
    tooltip.style.left = Math.max(8, left) + "px";
    tooltip.style.top = Math.max(8, top) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }
  Object.keys(nodes).forEach(function (id) {
    var g = nodes[id];
    g.addEventListener("pointerenter", function (e) {
      if (!drag) showTooltip(claims[id], e.clientX, e.clientY);
    });
    g.addEventListener("pointermove", function (e) {
      if (!dragged) showTooltip(claims[id], e.clientX, e.clientY);
    });
    g.addEventListener("pointerleave", hideTooltip);
    g.addEventListener("focus", function () {
      // Only keyboard focus brings the claim into view: moving the drawing under a pointer
      // that is pressing it would turn the click into a click on the background.
      if (!g.matches(":focus-visible")) return;
      centreOn(g);
      var r = g.getBoundingClientRect();
      showTooltip(claims[id], r.left, r.bottom);
    });
    g.addEventListener("blur", hideTooltip);
  });

  // ---- selection ----------------------------------------------------------------------
  var selected = null;
  var HL = ["hl", "hl-for", "hl-against", "hl-mixed", "hl-direct", "selected"];
  function clearMarks() {
    svg.querySelectorAll("." + HL.join(", .")).forEach(function (e) {
      HL.forEach(function (c) { e.classList.remove(c); });
    });
    svg.classList.remove("selecting");
  }
  function select(id, options) {
    options = options || {};
    clearMarks();
    hideTooltip();
    selected = id && claims[id] ? id : null;
    if (!selected) {
      overview();
      if (!options.keepHash) setHash("");
      return;
    }
    var found = bearing(selected);
    svg.classList.add("selecting");
    nodes[selected].classList.add("selected");
    Object.keys(found.claims).forEach(function (cid) {
      var g = nodes[cid];
      if (!g) return;
      g.classList.add("hl", "hl-" + side(found.claims[cid]));
      if (found.direct.claims[cid]) g.classList.add("hl-direct");
    });
    Object.keys(found.links).forEach(function (index) {
      linkParts(index).forEach(function (part) {
        part.classList.add("hl");
        if (found.direct.links[index]) part.classList.add("hl-direct");
      });
    });
    details(claims[selected], found);
    if (options.centre) centreOn(nodes[selected]);
    if (!options.keepHash) setHash(selected);
  }
  function setHash(id) {
    try {
      history.replaceState(null, "", id ? "#" + encodeURIComponent(id) : location.pathname);
    } catch (err) {
      // Some browsers refuse history changes on file: pages; the page works without them.
    }
  }
  svg.addEventListener("click", function (e) {
    if (dragged) { dragged = false; return; }
    var g = e.target.closest && e.target.closest('g.node[id^="claim-"]');
    if (g && nodes[g.id.slice(6)]) {
      e.preventDefault();
      select(g.id.slice(6));
    } else if (selected) {
      select(null);
    }
  });
  svg.addEventListener("keydown", function (e) {
    var g = e.target.closest && e.target.closest('g.node[id^="claim-"]');
    if (g && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      select(g.id.slice(6));
    }
  });

  // ---- the panel ----------------------------------------------------------------------
  function claimButton(id, how) {
    var c = claims[id];
    var b = el("button", "claim-ref" + (how ? " " + how : ""), c ? c.text : id);
    b.type = "button";
    b.title = id;
    b.addEventListener("click", function () {
      select(id, { centre: true });
      if (nodes[id]) nodes[id].focus({ preventScroll: true });
    });
    return b;
  }
  function safeLink(url, text) {
    if (!url || !SAFE.test(url)) return null;
    var a = el("a", null, text || url);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }
  function sourceBlock(parent) {
    var s = data.source;
    if (!s) return;
    parent.appendChild(el("h3", null, "Source"));
    var p = el("p");
    var link = safeLink(s.url, s.title || s.url);
    if (link) p.appendChild(link);
    else if (s.title) p.appendChild(el("strong", null, s.title));
    var rest = [s.outlet, s.author, s.date].filter(Boolean).join(" \u00b7 ");
    if (rest) { if (p.childNodes.length) p.appendChild(el("br")); p.appendChild(el("span", "by", rest)); }
    if (s.file) { p.appendChild(el("br")); p.appendChild(el("span", "mono", s.file)); }
    parent.appendChild(p);
  }
  function relList(parent, heading, rows) {
    if (!rows.length) return;
    parent.appendChild(el("h3", null, heading));
    var ul = el("ul", "rel");
    rows.forEach(function (row) {
      var li = el("li", row.ids.length > 1 ? "together" : null);
      if (row.how) li.appendChild(el("span", "how", row.how));
      row.ids.forEach(function (id) { li.appendChild(claimButton(id, row.side)); });
      ul.appendChild(li);
    });
    parent.appendChild(ul);
  }
  function describeLink(l) {
    var bits = [];
    if (l.premises.length > 1) bits.push("together");
    if (l.scheme) bits.push(l.scheme);
    if (l.status) bits.push("link status: " + l.status);
    if (l.note) bits.push(l.note);
    return bits.join(" \u00b7 ");
  }
  function details(c, found) {
    panel.textContent = "";
    var back = el("button", null, "\u2190 Map overview");
    back.type = "button";
    back.addEventListener("click", function () { select(null); stage.focus(); });
    panel.appendChild(back);
    var meta = el("p", "meta");
    meta.appendChild(el("span", "badge", (c.implicit ? "implicit " : "") + ROLE[c.role]));
    if (c.status) meta.appendChild(el("span", "badge " + c.status, c.status + " (" + data.semantics + ")"));
    meta.appendChild(el("span", "mono", c.id));
    panel.appendChild(meta);
    panel.appendChild(el("h2", null, c.text));
    if (c.implicit) panel.appendChild(el("p", "by", "Implicit: reconstructed, not stated in the source."));
    if (c.quote.length) {
      panel.appendChild(el("h3", null, c.quote.length > 1 ? "Quotes" : "Quote"));
      c.quote.forEach(function (q) { panel.appendChild(el("blockquote", null, "\u201c" + q + "\u201d")); });
    }
    if (c.by) {
      panel.appendChild(el("h3", null, "Speaker"));
      panel.appendChild(el("p", null, c.by));
    }
    sourceBlock(panel);
    if (c.note) { panel.appendChild(el("h3", null, "Note")); panel.appendChild(el("p", null, c.note)); }
    if (c.tags.length) {
      panel.appendChild(el("h3", null, "Tags"));
      var tags = el("p", "meta");
      c.tags.forEach(function (t) { tags.appendChild(el("span", "badge tag", t)); });
      panel.appendChild(tags);
    }
    var refs = (c.ref ? [c.ref] : []).concat(c.same || []);
    if (refs.length) {
      panel.appendChild(el("h3", null, "In other maps"));
      var ul = el("ul", "rel");
      refs.forEach(function (ref, i) {
        // STEM#CLAIM: that claim on the page of map STEM, drawn beside this one.
        var parts = ref.split("#");
        var li = el("li");
        li.appendChild(el("span", "how", c.ref && i === 0 ? "this claim is" : "the same as"));
        var a = el("a", "mono", ref);
        a.href = encodeURIComponent(parts[0]) + ".html#" + encodeURIComponent(parts[1] || "");
        li.appendChild(a);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    var link = safeLink(c.url, c.url);
    if (link) { panel.appendChild(el("h3", null, "Link")); var lp = el("p"); lp.appendChild(link); panel.appendChild(lp); }

    var counts = { "for": 0, against: 0, mixed: 0 };
    Object.keys(found.claims).forEach(function (id) { counts[side(found.claims[id])] += 1; });
    panel.appendChild(el("h3", null, "Bearing on this claim"));
    var summary = el("div", "summary");
    [["for", "for it"], ["against", "against it"], ["mixed", "both ways"]].forEach(function (p) {
      var span = el("span");
      span.appendChild(el("span", "swatch " + p[0]));
      span.appendChild(document.createTextNode(counts[p[0]] + " " + p[1]));
      summary.appendChild(span);
    });
    panel.appendChild(summary);
    function sideOf(id) { return found.claims[id] ? side(found.claims[id]) : ""; }
    var into = linksInto[c.id] || [];
    relList(panel, "Supported by", into.filter(function (l) { return l.relation === "supports"; })
      .map(function (l) { return { ids: l.premises, how: describeLink(l), side: "for" }; }));
    relList(panel, "Attacked by", into.filter(function (l) { return l.relation === "attacks"; })
      .map(function (l) { return { ids: l.premises, how: describeLink(l), side: "against" }; }));
    var undercuts = [];
    into.forEach(function (l) {
      if (l.id && linksById[l.id] === l) {
        (linksInto[l.id] || []).forEach(function (u) {
          undercuts.push({ ids: u.premises, side: sideOf(u.premises[0]),
            how: "against the inference from " + l.premises.map(function (p) {
              return claims[p] ? p : p; }).join(" + ") });
        });
      }
    });
    relList(panel, "Inference attacked by", undercuts);
    relList(panel, "Contradicts", (contradicting[c.id] || []).map(function (l) {
      return { ids: [l.premises[0] === c.id ? l.target : l.premises[0]], side: "against", how: describeLink(l) };
    }));
    var from = linksFrom[c.id] || [];
    relList(panel, "Supports", from.filter(function (l) { return l.relation === "supports"; })
      .map(function (l) { return targetRow(l); }));
    relList(panel, "Attacks", from.filter(function (l) { return l.relation === "attacks"; })
      .map(function (l) { return targetRow(l); }));
    legend(panel);
  }
  function targetRow(l) {
    if (claims[l.target]) {
      var how = describeLink(l);
      if (l.premises.length > 1) how = "with " + l.premises.filter(function (p) {
        return p !== selected; }).join(", ") + (how ? " \u00b7 " + how : "");
      return { ids: [l.target], how: how, side: "" };
    }
    var inner = linksById[l.target];
    return { ids: inner ? [inner.target] : [], side: "",
      how: "the inference from " + (inner ? inner.premises.join(" + ") : l.target) + " to" };
  }
  function legend(parent) {
    parent.appendChild(el("h3", null, "Highlighting"));
    var ul = el("ul", "legend");
    [["selected", "the selected claim"],
     ["for", "speaks for it: supports it, or attacks what attacks it"],
     ["against", "speaks against it: attacks or contradicts it, or supports what does"],
     ["mixed", "both ways, through different paths"]].forEach(function (p) {
      var li = el("li");
      li.appendChild(el("span", "swatch " + p[0]));
      li.appendChild(document.createTextNode(p[1]));
      ul.appendChild(li);
    });
    parent.appendChild(ul);
    parent.appendChild(el("p", "by", "Thick rings: direct; thin: further down the chain. " +
      "Everything else is dimmed."));
  }
  function overview() {
    panel.textContent = "";
    if (data.title) panel.appendChild(el("h2", null, data.title));
    if (data.description) panel.appendChild(el("p", null, data.description));
    sourceBlock(panel);
    var theses = data.thesis.filter(function (id) { return claims[id]; });
    if (theses.length) {
      panel.appendChild(el("h3", null, theses.length > 1 ? "Theses" : "Thesis"));
      var ul = el("ul", "rel");
      theses.forEach(function (id) { var li = el("li"); li.appendChild(claimButton(id, "")); ul.appendChild(li); });
      panel.appendChild(ul);
    }
    var supports = data.links.filter(function (l) { return l.relation === "supports"; }).length;
    panel.appendChild(el("p", "by", data.claims.length + " claims, " + supports + " supports, " +
      (data.links.length - supports) + " attacks and contradictions" +
      (data.semantics ? "; statuses under " + data.semantics + " semantics" : "") + "."));
    panel.appendChild(el("h3", null, "How to use"));
    var keys = el("ul", "keys");
    [["Click", " or Tab to a claim and press Enter: its details, and what bears on it"],
     ["/", " search claims by text or id; \u2191 \u2193 and Enter pick a result"],
     ["+ \u2212 0 1", " zoom in, out, fit, actual size; the wheel zooms too"],
     ["\u2190 \u2191 \u2192 \u2193", " pan (or drag the diagram)"],
     ["Esc", " clear the selection and the search"]].forEach(function (p) {
      var li = el("li");
      li.appendChild(el("kbd", null, p[0]));
      li.appendChild(document.createTextNode(p[1]));
      keys.appendChild(li);
    });
    panel.appendChild(keys);
  }

  // ---- search -------------------------------------------------------------------------
  var matches = [], active = -1;
  var RESULTS = 50;  // results listed below the box; every match is marked in the diagram
  function haystack(c) {
    return [c.id, c.text, c.by || "", c.note || "", c.ref || ""].concat(c.quote, c.tags, c.same || [])
      .join("\n").toLowerCase();
  }
  var texts = {};
  data.claims.forEach(function (c) { texts[c.id] = haystack(c); });
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    results.textContent = "";
    active = -1;
    Object.keys(nodes).forEach(function (id) { nodes[id].classList.remove("match", "search-miss"); });
    if (!q) {
      matches = [];
      svg.classList.remove("searching");
      results.hidden = true;
      search.setAttribute("aria-expanded", "false");
      searchCount.textContent = "";
      return;
    }
    matches = Object.keys(nodes).filter(function (id) { return texts[id].indexOf(q) !== -1; });
    svg.classList.add("searching");
    Object.keys(nodes).forEach(function (id) {
      nodes[id].classList.add(matches.indexOf(id) !== -1 ? "match" : "search-miss");
    });
    searchCount.textContent = matches.length + " of " + Object.keys(nodes).length;
    matches.slice(0, RESULTS).forEach(function (id, i) {
      var li = el("li");
      li.id = "result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.appendChild(el("span", "rid", id));
      li.appendChild(document.createTextNode(claims[id].text));
      li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
      results.appendChild(li);
    });
    if (matches.length > RESULTS) {
      results.appendChild(el("li", "more", (matches.length - RESULTS) + " more: type more to narrow"));
    }
    results.hidden = matches.length === 0;
    search.setAttribute("aria-expanded", matches.length ? "true" : "false");
  }
  function setActive(i) {
    var items = results.querySelectorAll("li[role=option]");
    if (!items.length) return;
    active = (i + items.length) % items.length;
    for (var j = 0; j < items.length; j++) items[j].setAttribute("aria-selected", j === active ? "true" : "false");
    search.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
    centreOn(nodes[matches[active]]);
  }
  function pick(i) {
    var id = matches[i];
    if (!id) return;
    results.hidden = true;
    search.setAttribute("aria-expanded", "false");
    select(id, { centre: true });
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); setActive(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active < 0 ? -1 : active - 1); }
    else if (e.key === "Enter") { e.preventDefault(); pick(active >= 0 ? active : 0); }
    else if (e.key === "Escape") { e.preventDefault(); clearSearch(); stage.focus(); }
  });
  search.addEventListener("focus", function () { if (matches.length) { results.hidden = false; } });
  search.addEventListener("blur", function () { results.hidden = true; });
  function clearSearch() { search.value = ""; runSearch(); }

  // ---- keyboard -----------------------------------------------------------------------
  document.addEventListener("keydown", function (e) {
    var typing = e.target === search || (e.target.tagName === "INPUT");
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    var step = 60;
    switch (e.key) {
      case "/": e.preventDefault(); search.focus(); search.select(); break;
      case "+": case "=": zoomCentre(1.25); break;
      case "-": case "_": zoomCentre(0.8); break;
      case "0": fit(); break;
      case "1": actualSize(); break;
      case "ArrowLeft": e.preventDefault(); panBy(step, 0); break;
      case "ArrowRight": e.preventDefault(); panBy(-step, 0); break;
      case "ArrowUp": e.preventDefault(); panBy(0, step); break;
      case "ArrowDown": e.preventDefault(); panBy(0, -step); break;
      case "Escape": hideTooltip(); clearSearch(); select(null); break;
      default: return;
    }
  });
  window.addEventListener("resize", function () { if (!selected) fit(); });

  search.disabled = false;
  overview();  // the panel first, so that the diagram fits the room it leaves
  fit();
  var wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && claims[wanted]) select(wanted, { centre: true, keepHash: true });
  document.documentElement.setAttribute("data-argmap-ready", "true");
})();
