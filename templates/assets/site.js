// Collapsible data tables print open, and close again afterwards.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();

// Wide tables scroll sideways: make their scroll area reachable by keyboard (WCAG 2.1.1).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "表格（可左右滚动）");
  });
});

// On a phone a table row reads as a card: each cell carries its column's name (shown before the
// value by the stylesheet), and the table keeps its table roles for screen readers although the
// stylesheet lays it out as blocks.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".md-typeset table").forEach(function (table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (headers.length < 3) { return; }  // a two-column table (项目｜内容) fits a phone as it is
    table.setAttribute("data-cards", "");
    table.setAttribute("role", "table");
    table.querySelectorAll("tr").forEach(function (tr) { tr.setAttribute("role", "row"); });
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (cell, i) {
        cell.setAttribute("role", "cell");
        if (headers[i]) { cell.setAttribute("data-label", headers[i]); }
      });
    });
  });
});
