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

// Search (Pagefind, indexed after MkDocs): the search page loads Pagefind's interface and index from
// pagefind/ at the site's root, wherever the site is served (base comes from Material's page
// config), and runs the query the header's search form sent (?q=…). Browsers refuse to fetch the
// index of a site opened from the file system: the page says so instead of failing silently.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector(".site-search-page");
  if (!box) { return; }
  var base = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location.href);
  var say = function (text) { var p = document.createElement("p"); p.textContent = text; box.replaceChildren(p); };
  if (location.protocol === "file:") {
    say("从本机文件夹直接打开网站时，浏览器不允许读取检索索引，无法搜索。请通过网站服务器访问本站；"
        + "或在网站文件夹中运行 python3 -m http.server，再用浏览器打开 http://127.0.0.1:8000/。");
    return;
  }
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("pagefind/pagefind-ui.css", base).href;
  document.head.appendChild(style);
  var script = document.createElement("script");
  script.src = new URL("pagefind/pagefind-ui.js", base).href;
  script.onload = function () {
    var ui = new PagefindUI({
      element: ".site-search-page", bundlePath: new URL("pagefind/", base).pathname,
      showSubResults: false, showImages: false, resetStyles: false, autofocus: true,
      translations: { placeholder: "搜索指标、地区、单位、专栏" }
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) { ui.triggerSearch(query); }
  };
  script.onerror = function () {
    say("本网站还没有检索索引：预览（serve）时不生成索引，请用 build 生成网站后再搜索。");
  };
  document.head.appendChild(script);
});
