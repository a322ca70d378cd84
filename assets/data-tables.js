// The numbers behind a chart, built when they are asked for. Each chart's table is folded under
// a native <details> (layouts/chart_card.py data_table); the page carries its rows as one data
// attribute, not as hundreds of components that Dash would render, folded and unseen, in the
// task that shows the page. The table is built here, once, when its details opens (by mouse,
// keyboard or screen reader: the `toggle` event), and every table when the page goes to paper
// (assets/print-charts.js: the paper layout shows the table of places). It is the same table
// the server used to send: a caption, column headers (scope=col), a header cell per row
// (scope=row), numbers right-aligned, in a scrolling box that takes the keyboard focus and is
// named after the table. Text goes in as text (textContent): data stays inert.
//
// Visible tables with many cells (the explorer's table, the numbers under its charts) keep their
// caption and headers as components, and carry only their rows in an attribute of an empty
// <tbody> (layouts/table_body.py). Those rows are built at once, as soon as the body is in the
// page (in the same task as Dash's drawing, before the next paint), and again when the
// attribute changes: plain <tr> and <td>, with each column's class, as the components were.
(function () {
  var ATTRIBUTE = "data-table";
  var ROWS = "data-table-rows";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function numeric(index, spec) { return index >= spec.numericFrom ? "num" : null; }

  function table(spec) {
    var region = element("div", "table-responsive");
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", spec.label);
    var node = element("table", "table table-sm data-table");
    node.appendChild(element("caption", null, spec.caption));
    var head = element("thead"), headRow = element("tr");
    spec.headers.forEach(function (text, index) {
      var cell = element("th", numeric(index, spec), text);
      cell.setAttribute("scope", "col");
      headRow.appendChild(cell);
    });
    head.appendChild(headRow);
    var body = element("tbody");
    spec.rows.forEach(function (row) {
      var line = element("tr");
      row.forEach(function (text, index) {
        var cell = index === 0 ? element("th", null, text) : element("td", numeric(index, spec), text);
        if (index === 0) { cell.setAttribute("scope", "row"); }
        line.appendChild(cell);
      });
      body.appendChild(line);
    });
    node.appendChild(head);
    node.appendChild(body);
    region.appendChild(node);
    return region;
  }

  // A holder's table, built from its attribute (again when the attribute has changed: the
  // explorer answers a filter change with new rows in the same place).
  function build(holder) {
    var source = holder.getAttribute(ATTRIBUTE);
    if (holder.builtFrom === source) { return; }
    var spec;
    try { spec = JSON.parse(source); } catch (error) { return; }
    holder.replaceChildren(table(spec));
    holder.builtFrom = source;
  }

  // A visible body's rows, from its attribute (again when the attribute has changed).
  function fill(body) {
    var source = body.getAttribute(ROWS);
    if (body.builtFrom === source) { return; }
    var spec;
    try { spec = JSON.parse(source); } catch (error) { return; }
    var classes = spec.classes || [];
    var lines = document.createDocumentFragment();
    spec.rows.forEach(function (row) {
      var line = element("tr");
      row.forEach(function (text, index) { line.appendChild(element("td", classes[index], text)); });
      lines.appendChild(line);
    });
    body.replaceChildren(lines);
    body.builtFrom = source;
  }

  // The bodies in what Dash has just put in the page (a whole page, or a new table).
  // Plotly adds its drawing node by node: an SVG element never holds a table, skipped at once.
  function fillAdded(node) {
    if (node.nodeType !== 1 || node instanceof SVGElement) { return; }
    if (node.hasAttribute(ROWS)) { fill(node); return; }
    if (node.firstElementChild) { node.querySelectorAll("[" + ROWS + "]").forEach(fill); }
  }

  function buildAll() {
    document.querySelectorAll("[" + ATTRIBUTE + "]").forEach(build);
  }

  // `toggle` does not bubble: listened to on its way down.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details || details.tagName !== "DETAILS" || !details.open) { return; }
    Array.prototype.forEach.call(details.children, function (child) {
      if (child.hasAttribute(ATTRIBUTE)) { build(child); }
    });
  }, true);

  // New rows for a table already built (Dash reuses the element): built again at once. A
  // visible body is filled when it arrives and whenever its rows change.
  if ("MutationObserver" in window) {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === "childList") { change.addedNodes.forEach(fillAdded); }
        else if (change.attributeName === ROWS) { fill(change.target); }
        else if (change.target.builtFrom !== undefined) { build(change.target); }
      });
    }).observe(document.documentElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: [ATTRIBUTE, ROWS]
    });
  }

  window.democraticTables = { buildAll: buildAll };
})();
