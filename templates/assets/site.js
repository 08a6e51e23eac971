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

// Search (Pagefind; index made after MkDocs by generator/publish/search_index.py, where every two
// adjacent Chinese characters are words of their own). A query's words are asked for as exact
// phrases of characters ("入园率" → "入 园 率"): a page is found when it has the characters together.
// Several words separated by spaces: pages having each of them. The search page reads ?q= (the
// header's form sends it) and searches again as the reader types.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector(".site-search-page");
  if (!box) { return; }
  var input = box.querySelector("input[name=q]");
  var message = box.querySelector(".site-search-page__message");
  var list = box.querySelector(".site-search-page__results");
  var more = box.querySelector(".site-search-page__more");
  var base = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location.href);
  var say = function (text) { message.textContent = text; };
  // The same characters as HAN in generator/publish/search_index.py.
  var apart = /(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}])/gu;
  var PAGE = 10;  // results shown at a time
  var shown = [];  // the current answer, best first
  var asked = 0;  // the latest query's number: an answer to an older one is dropped
  var pagefind = null;

  input.value = new URLSearchParams(location.search).get("q") || "";
  if (location.protocol === "file:") {
    say("从本机文件夹直接打开网站时，浏览器不允许读取检索索引，无法搜索。请通过网站服务器访问本站；"
        + "或在网站文件夹中运行 python3 -m http.server，再用浏览器打开 http://127.0.0.1:8000/。");
    return;
  }

  // Each word is asked for twice: as an exact phrase of its characters, which decides the pages that
  // have it (Pagefind scores all of those alike), and as loose characters, whose scores rank them — a
  // page about the word (its title, its headings) before one that mentions it in passing.
  function ask(word) {
    var characters = word.replace(apart, " ");
    return Promise.all([pagefind.search('"' + characters + '"'), pagefind.search(characters)]);
  }

  // Pages having every word, best first; a page's score is the sum of its scores for the words.
  function pagesWithAll(answers) {
    var found = null;
    answers.forEach(function (answer) {
      var score = new Map(answer[1].results.map(function (r) { return [r.id, r.score]; }));
      var here = new Map(answer[0].results.map(function (r) { return [r.id, { result: r, score: score.get(r.id) || 0 }]; }));
      if (found === null) { found = here; return; }
      found.forEach(function (entry, id) {
        if (here.has(id)) { entry.score += here.get(id).score; } else { found.delete(id); }
      });
    });
    return Array.from(found.values()).sort(function (a, b) { return b.score - a.score; })
      .map(function (entry) { return entry.result; });
  }

  // Pagefind's excerpt is the page's text with < and > escaped and the words found in <mark>; every &
  // of the text is an entity too (search_index.py indexes it escaped), so the text is decoded exactly
  // as the page shows it. It is rebuilt as text nodes and <mark> elements, never parsed as HTML.
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "site-search-page__excerpt";
    html.replace(/<\/mark><mark>/g, "").split(/(<mark>.*?<\/mark>)/).forEach(function (piece) {
      var marked = /^<mark>(.*)<\/mark>$/.exec(piece);
      var text = (marked ? marked[1] : piece).replace(/&(lt|gt|amp);/g, function (entity, name) {
        return { lt: "<", gt: ">", amp: "&" }[name];
      });
      if (!text) { return; }
      var node = marked ? document.createElement("mark") : document.createTextNode(text);
      if (marked) { node.textContent = text; }
      p.appendChild(node);
    });
    return p;
  }

  function showMore(number) {
    var start = list.children.length;
    var next = shown.slice(start, start + PAGE);
    more.hidden = true;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (number !== asked) { return; }
      pages.forEach(function (page) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.className = "site-search-page__link";
        link.href = page.url;
        link.textContent = (page.meta.title || page.url).replace(/\u200b/g, "");
        item.appendChild(link);
        item.appendChild(excerpt(page.excerpt || ""));
        list.appendChild(item);
      });
      more.hidden = list.children.length >= shown.length;
    });
  }

  function search() {
    var query = input.value.trim();
    var number = ++asked;
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      say("输入要找的词，如：入园率、教师、海门。多个词用空格分开，找同时含有这些词的页面。");
      return;
    }
    Promise.all(query.split(/\s+/).filter(Boolean).map(ask)).then(function (answers) {
      if (number !== asked) { return; }
      shown = pagesWithAll(answers);
      list.replaceChildren();
      say(shown.length ? "找到 " + shown.length + " 个含有“" + query + "”的页面。" : "未找到含有“" + query + "”的页面。");
      return showMore(number);
    });
  }

  import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
    pagefind = module;
    pagefind.options({ excerptLength: 60 });  // words, and every Chinese character is one
    var waiting = null;
    input.addEventListener("input", function () { clearTimeout(waiting); waiting = setTimeout(search, 150); });
    box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); search(); });
    more.addEventListener("click", function () { showMore(asked); });
    search();
  }, function () {
    say("本网站还没有检索索引：预览（serve）时不生成索引，请用 build 生成网站后再搜索。");
  });
});
