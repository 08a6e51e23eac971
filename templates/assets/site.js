// 适老化 (larger text, higher contrast): a button in the header turns it on and off; the choice is kept
// in this browser (localStorage) and applied before the page is drawn where the script runs early enough.
(function () {
  var KEY = "reading-mode", LARGE = "large";
  var stored = function () { try { return localStorage.getItem(KEY); } catch (e) { return null; } };
  var apply = function (on) { document.documentElement.classList.toggle("reading-large", on); };
  apply(stored() === LARGE);
  document.addEventListener("DOMContentLoaded", function () {
    var header = document.querySelector(".md-header__inner");
    if (!header) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button reading-mode";
    button.textContent = "大字";
    button.title = "适老化：大字号、高对比度";
    button.setAttribute("aria-label", "适老化模式（大字号、高对比度）");
    button.setAttribute("aria-pressed", String(stored() === LARGE));
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      try { if (on) { localStorage.setItem(KEY, LARGE); } else { localStorage.removeItem(KEY); } } catch (e) { /* private mode: this page only */ }
      apply(on);
      button.setAttribute("aria-pressed", String(on));
    });
    header.insertBefore(button, header.querySelector(".site-search"));
  });
})();

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

// A table wider than the page scrolls sideways: its scroll area is made reachable by keyboard
// (WCAG 2.1.1) and named as such — only while it does scroll, not where the table fits or is shown as
// cards. Checked again when the window is resized and when a script redraws a table ("tables-changed").
(function () {
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "表格（可左右滚动）");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
    // A table shown as cards may itself scroll (a line that cannot wrap, in large text): reachable by keyboard too.
    document.querySelectorAll(".md-typeset table[data-cards]").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth) { table.tabIndex = 0; } else { table.removeAttribute("tabindex"); }
    });
  }
  var waiting = null;
  var later = function () { clearTimeout(waiting); waiting = setTimeout(label, 100); };
  window.addEventListener("load", label);
  window.addEventListener("resize", later);
  document.addEventListener("tables-changed", later);
})();

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

// Search (Pagefind; index made after MkDocs by generator/publish/search_index.py, where a run of
// Chinese characters is indexed as overlapping pairs: 入园率 is the words 入园 园率 率). A query's words
// are asked for as exact phrases of their pairs ("入园率" → "入园 园率"): a page is found when it has
// the characters together; a single character is looked up as the first character of a word.
// A query is cut into words at spaces and at punctuation, full-width too ("专栏1：学前教育" is 专栏1 and
// 学前教育): pages having each of them, by score, those for which nothing was reported (the "empty"
// filter written by main.html) last. Then the first of them are read (they are shown anyway) and put in
// order: first those whose own name (a plan, region, unit, indicator …, the "names" metadata) is the
// query, then those whose name holds every word, then the rest; in each of these, empty pages last —
// the only page named 海州区 comes first even so, as it says nothing was reported. Nothing is loaded for
// the whole site's names (a province has thousands): only the index words asked for, one small filter and
// the first results.
// The search page reads ?q= (the header's form sends it) and searches again as the reader types.
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
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var chinese = new RegExp("^[" + HAN + "]$", "u");
  var runs = new RegExp("[" + HAN + "]+|[^" + HAN + "]+", "gu");  // a word's Chinese and other parts
  var LANGUAGE = "und";  // the index's language (search_index.py): no segmenter cuts a query's pairs
  var GLUE = "&";  // ends a word the page's text does not follow with a space (search_index.py)
  var between = /[\s\p{P}\p{S}\u200b]+/u;  // what separates words: spaces, punctuation, symbols
  var PAGE = 10;  // results shown at a time
  var shown = [];  // the current answer, best first
  var asked = 0;  // the latest query's number: an answer to an older one is dropped
  var pagefind = null;
  var EMPTY = "尚无数据";  // the one value of the "empty" filter (main.html)
  var FIRST = 2 * PAGE;  // results read to put the named pages first

  input.value = new URLSearchParams(location.search).get("q") || "";
  if (location.protocol === "file:") {
    say("从本机文件夹直接打开网站时，浏览器不允许读取检索索引，无法搜索。请通过网站服务器访问本站；"
        + "或在网站文件夹中运行 python3 -m http.server，再用浏览器打开 http://127.0.0.1:8000/。");
    return;
  }

  function bare(text) { return text.split(between).join("").toLowerCase(); }

  // A word as the index has it: its Chinese parts as pairs (入园率 → 入园 园率), a part followed by a
  // letter or digit also with its last character alone (专栏1 → 专栏 栏 1, as a page's 专栏1 is indexed);
  // apart (last), a single Chinese character ending a word after other parts (the 年 of 2025年): in a
  // page it may be the word 年 or the first character of 年度, so it is looked up by its beginning.
  function indexWords(word) {
    var parts = word.match(runs), words = [], last = null;
    parts.forEach(function (part, i) {
      var characters = Array.from(part);
      if (!chinese.test(characters[0])) { words.push(part); return; }
      for (var k = 0; k + 1 < characters.length; k++) { words.push(characters[k] + characters[k + 1]); }
      if (i + 1 < parts.length) { words.push(characters[characters.length - 1]); }
      else if (characters.length === 1) { last = characters[0]; }
    });
    return { words: words, last: last, loose: words.concat(last ? [last] : []).join(" ") };
  }

  // The index's chunks, [first word, last word, name] each, from Pagefind's metadata file (the browser
  // has it already: gzipped "pagefind_dcd" and CBOR, written by generator/publish/search_order.py).
  var chunks = null;
  function indexChunks() {
    var folder = new URL("pagefind/", base);
    chunks = chunks || fetch(new URL("pagefind-entry.json", folder)).then(function (r) { return r.json(); }).then(function (entry) {
      var language = entry.languages[LANGUAGE] || Object.values(entry.languages)[0];
      return fetch(new URL("pagefind." + language.hash + ".pf_meta", folder));
    }).then(function (r) { return r.arrayBuffer(); }).then(function (data) {
      var bytes = new Uint8Array(data);
      if (bytes[0] !== 0x1f) { return bytes; }  // already unpacked by the server's compression
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
        .then(function (unpacked) { return new Uint8Array(unpacked); });
    }).then(function (bytes) { return cbor(bytes.subarray("pagefind_dcd".length))[2]; });
    return chunks;
  }

  // The value at the start of CBOR bytes (the kinds a metadata file holds).
  function cbor(bytes) {
    var at = 0, view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), text = new TextDecoder();
    function size(info) {
      if (info < 24) { return info; }
      var length = 1 << (info - 24), value = 0;
      for (var k = 0; k < length; k++) { value = value * 256 + bytes[at++]; }
      return value;
    }
    function item() {
      var head = bytes[at++], kind = head >> 5, info = head & 31, value, out, k;
      if (kind === 7) {
        if (info === 25 || info === 26 || info === 27) {
          value = info === 25 ? null : info === 26 ? view.getFloat32(at) : view.getFloat64(at);
          at += 1 << (info - 24);
          return value;
        }
        return { 20: false, 21: true, 22: null }[info];
      }
      value = size(info);
      if (kind === 0) { return value; }
      if (kind === 1) { return -1 - value; }
      if (kind === 2) { at += value; return null; }
      if (kind === 3) { out = text.decode(bytes.subarray(at, at + value)); at += value; return out; }
      if (kind === 4) { out = []; for (k = 0; k < value; k++) { out.push(item()); } return out; }
      if (kind === 5) { out = {}; for (k = 0; k < value; k++) { var key = item(); out[key] = item(); } return out; }
      return item();  // a tag: its value
    }
    return item();
  }

  // Pagefind loads, for a word asked for, the one chunk where that word would stand; the words that
  // begin with a character (园 → 园率, 园区 …) may fill several: those are loaded first.
  function beginningWith(character) {
    var code = character.codePointAt(0);
    return indexChunks().then(function (all) {
      return Promise.all(all.filter(function (chunk) {
        return chunk[0].codePointAt(0) <= code && code <= chunk[1].codePointAt(0);
      }).map(function (chunk) { return pagefind.preload(chunk[0]); }));
    }).then(function () { return pagefind.search(character); });
  }

  // Each word is asked for twice: as an exact phrase of its index words, which decides the pages that
  // have it (Pagefind scores all of those alike), and as loose words, whose scores rank them — a page
  // about the word (its title, its headings) before one that mentions it in passing. An answer from an
  // exact phrase marks whole pairs: "carry" says the second character of a marked pair is found too.
  function ask(word) {
    var wanted = indexWords(word), n = wanted.words.length, loose = wanted.loose;
    if (!n) {  // one Chinese character: the pages having a word that begins with it
      return beginningWith(wanted.last).then(function (answer) { return [answer, answer]; });
    }
    if (!wanted.last) {
      return Promise.all([pagefind.search('"' + wanted.words.join(" ") + '"'), pagefind.search(loose)]).then(function (answers) {
        answers[0].carry = true;
        return answers;
      });
    }
    // 2025年: every place of the words beginning with each of its words (a loose search gives them all,
    // an exact one only the first) and with the last character; a page has the query's word where they
    // follow each other. A pair or a character followed by a digit is exact so; a word of letters or
    // digits is taken by its beginning here (2025年 would also find 20251年).
    return Promise.all(wanted.words.map(function (w) { return pagefind.search(w); })
      .concat([beginningWith(wanted.last), pagefind.search(loose)])).then(function (answers) {
      var places = answers.slice(0, n).map(function (answer) {
        return new Map(answer.results.map(function (r) { return [r.id, new Set(r.words)]; }));
      });
      var results = answers[n].results.filter(function (r) {
        return r.words.some(function (end) {
          return places.every(function (at, k) { var here = at.get(r.id); return here !== undefined && here.has(end - n + k); });
        });
      });
      return [{ results: results }, answers[n + 1]];
    });
  }

  // The ids of the pages for which nothing was reported, of those having the loose words of a query's
  // word (more than have it). Not asked for without words: a search without words loads every index
  // chunk of the site (2.4 MB on a province, #23).
  function emptyPages(word) {
    return pagefind.search(indexWords(word).loose, { filters: { empty: { any: [EMPTY] } } }).then(function (answer) {
      return new Set(answer.results.map(function (r) { return r.id; }));
    });
  }

  // Pages having every word, best first; a page's score is the sum of its scores for the words.
  function pagesWithAll(answers, empty) {
    var found = null;
    answers.forEach(function (answer) {
      var score = new Map(answer[1].results.map(function (r) { return [r.id, r.score]; }));
      var here = new Map(answer[0].results.map(function (r) { return [r.id, { result: r, score: score.get(r.id) || 0, carry: !!answer[0].carry }]; }));
      if (found === null) { found = here; return; }
      found.forEach(function (entry, id) {
        if (here.has(id)) { entry.score += here.get(id).score; } else { found.delete(id); }
      });
    });
    found.forEach(function (entry, id) { entry.empty = empty.has(id); });
    return Array.from(found.values()).sort(function (a, b) { return a.empty - b.empty || b.score - a.score; });
  }

  // The first results read and put in order by their names; each entry keeps what was read.
  function namedFirst(entries, words) {
    var whole = bare(words.join(""));
    var lowered = words.map(function (w) { return w.toLowerCase(); });
    var first = entries.slice(0, FIRST);
    return Promise.all(first.map(function (entry) { return entry.result.data(); })).then(function (pages) {
      first.forEach(function (entry, i) {
        var names = (pages[i].meta.names || "").split("\n").map(bare).filter(Boolean);
        var named = names.some(function (n) { return n === whole; });
        var naming = names.some(function (n) { return lowered.every(function (w) { return n.indexOf(bare(w)) >= 0; }); });
        entry.page = pages[i];
        entry.rank = (named ? 0 : naming ? 2 : 4) + (entry.empty ? 1 : 0);
        entry.order = i;
      });
      first.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
      return first.concat(entries.slice(FIRST));
    });
  }

  // Pagefind's excerpt is the indexed words, one space apart, < and > escaped, the words found in <mark>;
  // every & of the text is an entity too (search_index.py indexes it escaped). It is written back as the
  // page shows it, as text_of in search_index.py does: a pair shows its first character, a word ending
  // with GLUE is joined to the next; a marked pair of an exact phrase (carry) marks the next character
  // too. It is rebuilt as text nodes and <mark> elements, never parsed as HTML.
  function excerpt(html, carry) {
    var p = document.createElement("p");
    p.className = "site-search-page__excerpt";
    var pieces = [], next = false;  // [text, marked] …; whether the next character is marked
    var add = function (text, marked) {
      text = text.replace(/&(lt|gt|amp);/g, function (entity, name) { return { lt: "<", gt: ">", amp: "&" }[name]; });
      var last = pieces[pieces.length - 1];
      if (last && last[1] === marked) { last[0] += text; } else if (text) { pieces.push([text, marked]); }
    };
    html.split(" ").forEach(function (word) {
      var found = /^<mark>(.*)<\/mark>$/.exec(word);
      var text = found ? found[1] : word, characters = Array.from(text);
      if (!text) { return; }
      if (characters.length === 2 && chinese.test(characters[0]) && chinese.test(characters[1])) {
        add(characters[0], !!found || next);
        next = !!found && carry;
        return;
      }
      var glued = text.slice(-1) === GLUE;
      var shown = Array.from(glued ? text.slice(0, -1) : text);
      if (next && !found) {
        add(shown[0] || "", true);
        add(shown.slice(1).join(""), false);
      } else {
        add(shown.join(""), !!found);
      }
      if (!glued) { add(" ", false); }
      next = false;
    });
    var last = pieces[pieces.length - 1];
    if (last && !last[1]) { last[0] = last[0].replace(/\s+$/, ""); }
    pieces.forEach(function (piece) {
      if (!piece[0]) { return; }
      var node = piece[1] ? document.createElement("mark") : document.createTextNode(piece[0]);
      if (piece[1]) { node.textContent = piece[0]; }
      p.appendChild(node);
    });
    return p;
  }

  function showMore(number) {
    var start = list.children.length;
    var next = shown.slice(start, start + PAGE);
    more.hidden = true;
    return Promise.all(next.map(function (entry) { return entry.page || entry.result.data(); })).then(function (pages) {
      if (number !== asked) { return; }
      pages.forEach(function (page, i) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.className = "site-search-page__link";
        link.href = page.url;
        link.textContent = (page.meta.title || page.url).replace(/\u200b/g, "");
        item.appendChild(link);
        var about = [page.meta.plan, page.meta.status].filter(Boolean).join("｜");
        if (about) {
          var line = document.createElement("p");
          line.className = "site-search-page__about";
          line.textContent = about;
          item.appendChild(line);
        }
        item.appendChild(excerpt(page.excerpt || "", next[i].carry));
        list.appendChild(item);
      });
      more.hidden = list.children.length >= shown.length;
    });
  }

  function search() {
    var query = input.value.trim();
    var number = ++asked;
    var words = query.split(between).filter(Boolean);
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    if (!words.length) {
      list.replaceChildren();
      more.hidden = true;
      say("输入要找的词，如：入园率、教师、海门。多个词用空格分开，找同时含有这些词的页面。");
      return;
    }
    // A word ending with a character looked up by its beginning: its chunks are loaded by ask() first.
    var asking = Promise.all(words.map(ask));
    (indexWords(words[0]).last ? asking.then(function (answers) {
      return emptyPages(words[0]).then(function (empty) { return [answers, empty]; });
    }) : Promise.all([asking, emptyPages(words[0])])).then(function (answers) {
      return number === asked ? namedFirst(pagesWithAll(answers[0], answers[1]), words) : null;
    }).then(function (entries) {
      if (number !== asked || entries === null) { return; }
      shown = entries;
      list.replaceChildren();
      say(shown.length ? "找到 " + shown.length + " 个含有“" + words.join(" ") + "”的页面。" : "未找到含有“" + words.join(" ") + "”的页面。");
      return showMore(number);
    });
  }

  import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
    pagefind = module;
    pagefind.options({ excerptLength: 60 });  // words, and every Chinese character is one
    // Pagefind takes the language to search in from the page when it starts: the index's, for that
    // moment only, or it would cut a query's pairs into Chinese words with the browser's dictionary.
    var root = document.documentElement, language = root.getAttribute("lang");
    root.setAttribute("lang", LANGUAGE);
    try { pagefind.init(); } finally { if (language === null) { root.removeAttribute("lang"); } else { root.setAttribute("lang", language); } }
    var waiting = null;
    input.addEventListener("input", function () { clearTimeout(waiting); waiting = setTimeout(search, 150); });
    box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); search(); });
    more.addEventListener("click", function () { showMore(asked); });
    search();
  }, function () {
    say("本网站还没有检索索引：预览（serve）时不生成索引，请用 build 生成网站后再搜索。");
  });
});

// 状态总览 (generator/render/pages/overview.py): the page's table shows each plan's latest year; the
// rows of every year are in the JSON file beside the page. Filters (select boxes) and sorting (the
// column headers' buttons) redraw the table's body from those rows; the choice is written into the
// address (?status=滞后&region=海门区&sort=name), so a copied address shows the same rows.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.querySelector(".status-overview[data-rows]");
  if (!holder) { return; }
  var table = holder.querySelector("table");
  var SHOWN = 100;  // rows drawn at a time; printing draws them all
  var FILTERS = [  // address parameter, row field, label, the choice "every value"
    ["status", "filter", "状态", "全部状态"], ["kind", "kind", "类别", "全部类别"],
    ["attribute", "attribute", "属性", "全部属性"], ["region", "region", "县（市、区）", "全部地区"],
    ["unit", "units", "责任单位", "全部单位"], ["column", "column", "专栏", "全部专栏"],
    ["year", "year", "年份", "全部年份"], ["plan", "plan", "规划", "全部规划"]];
  var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
  var KEYS = {"名称": "name", "状态": "status", "类别": "kind", "年份": "year", "县（市、区）": "region", "属性": "attribute",
              "专栏": "column", "责任单位": "units", "数值或进展": "value", "目标或时限": "target", "规划": "plan"};
  var keys = headers.map(function (h) { return KEYS[h]; });
  var rows = [], chosen = [], limit = SHOWN;
  var params = new URLSearchParams(location.search);
  var form = document.createElement("form");
  form.className = "status-overview__filters";
  var count = document.createElement("p");
  count.className = "status-overview__count";
  count.setAttribute("role", "status");
  count.setAttribute("aria-live", "polite");
  var more = document.createElement("button");
  more.type = "button";
  more.className = "status-overview__more";
  more.hidden = true;
  var selects = {};

  function values(field) {
    var seen = [];
    rows.forEach(function (row) {
      [].concat(row[field]).forEach(function (v) { if (v !== "" && v !== null && seen.indexOf(v) < 0) { seen.push(v); } });
    });
    if (field === "filter") {  // worst first, as the rows' rank says
      var rank = {};
      rows.forEach(function (row) { rank[row.filter] = Math.min(rank[row.filter] === undefined ? 99 : rank[row.filter], row.rank); });
      seen.sort(function (a, b) { return rank[a] - rank[b]; });
    } else if (field === "year") {
      seen.sort(function (a, b) { return b - a; });
    }
    return seen;
  }

  function buildForm() {
    FILTERS.forEach(function (f) {
      if (keys.indexOf(f[1] === "filter" ? "status" : f[1]) < 0) { return; }  // a column this page does not have
      var options = values(f[1]);
      if (options.length < 2 && f[0] !== "status") { return; }
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.name = f[0];
      label.appendChild(document.createTextNode(f[2]));
      var every = document.createElement("option");
      every.value = "";
      every.textContent = f[3];
      select.appendChild(every);
      options.forEach(function (v) {
        var option = document.createElement("option");
        option.value = String(v);
        option.textContent = String(v);
        select.appendChild(option);
      });
      var wanted = params.has(f[0]) ? params.get(f[0]) : (f[0] === "year" ? holder.dataset.latest : "");
      select.value = options.map(String).indexOf(wanted) >= 0 ? wanted : "";
      select.addEventListener("change", function () { limit = SHOWN; draw(true); });
      selects[f[0]] = [select, f[1]];
      label.appendChild(select);
      form.appendChild(label);
    });
    // Sorting by a select box too: on a phone the table is cards, without its header row.
    var label = document.createElement("label");
    sortSelect = document.createElement("select");
    sortSelect.name = "sort";
    label.appendChild(document.createTextNode("排序"));
    [["", "最需关注的在前"]].concat(keys.map(function (key, i) { return [key, "按" + headers[i]]; }).filter(function (pair) { return pair[0]; }))
      .forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        sortSelect.appendChild(option);
      });
    sortSelect.value = sortKey;
    sortSelect.addEventListener("change", function () { sortKey = sortSelect.value; sortDown = false; draw(true); });
    label.appendChild(sortSelect);
    form.appendChild(label);
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = "清除筛选";
    clear.addEventListener("click", function () {
      Object.keys(selects).forEach(function (name) { selects[name][0].value = ""; });
      limit = SHOWN;
      draw(true);
    });
    form.appendChild(clear);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  var sortKey = params.get("sort") || "";
  var sortSelect = null;
  var sortDown = params.get("order") === "desc";

  function compare(a, b) {
    if (!sortKey || sortKey === "status") {
      var order = (a.rank - b.rank) || ((a.gap === null ? 0 : a.gap) - (b.gap === null ? 0 : b.gap)) || (b.year - a.year);
      return sortKey && sortDown ? -order : order;
    }
    var x = [].concat(a[sortKey]).join("、"), y = [].concat(b[sortKey]).join("、");
    var result = sortKey === "year" ? a.year - b.year : x.localeCompare(y, "zh-Hans-CN", { numeric: true });
    return sortDown ? -result : result;
  }

  function buildHeaders() {
    Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th, i) {
      if (!keys[i]) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "status-overview__sort";
      button.textContent = headers[i];
      button.addEventListener("click", function () {
        sortDown = sortKey === keys[i] ? !sortDown : false;
        sortKey = keys[i];
        sortSelect.value = sortKey;
        draw(true);
      });
      th.replaceChildren(button);
    });
  }

  function cell(row, key, i) {
    var td = document.createElement("td");
    td.setAttribute("role", "cell");
    td.setAttribute("data-label", headers[i]);
    if (key === "name" && row.link) {
      var a = document.createElement("a");
      a.href = row.link;
      a.textContent = row.name;
      td.appendChild(a);
    } else if (key === "status") {
      var badge = document.createElement("span");
      badge.className = "status status-" + row.style;
      var icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = row.icon;
      badge.appendChild(icon);
      badge.appendChild(document.createTextNode(" " + row.status));
      td.appendChild(badge);
    } else {
      td.textContent = [].concat(row[key] === null ? "" : row[key]).join("、");
    }
    return td;
  }

  function draw(remember) {
    chosen = rows.filter(function (row) {
      return Object.keys(selects).every(function (name) {
        var wanted = selects[name][0].value;
        return !wanted || [].concat(row[selects[name][1]]).map(String).indexOf(wanted) >= 0;
      });
    }).sort(compare);
    var body = table.querySelector("tbody");
    body.replaceChildren.apply(body, chosen.slice(0, limit).map(function (row) {
      var tr = document.createElement("tr");
      tr.setAttribute("role", "row");
      keys.forEach(function (key, i) { tr.appendChild(cell(row, key, i)); });
      return tr;
    }));
    Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th, i) {
      if (keys[i] === sortKey || (!sortKey && keys[i] === "status")) {
        th.setAttribute("aria-sort", sortDown ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    count.textContent = chosen.length > limit ? "符合条件的共 " + chosen.length + " 项，显示前 " + limit + " 项。"
      : "符合条件的共 " + chosen.length + " 项。";
    more.hidden = chosen.length <= limit;
    more.textContent = "再显示 " + Math.min(SHOWN, chosen.length - limit) + " 项";
    document.dispatchEvent(new Event("tables-changed"));
    if (remember) {
      var query = new URLSearchParams();
      Object.keys(selects).forEach(function (name) {
        var value = selects[name][0].value;
        if (name === "year" ? value !== holder.dataset.latest : value) { query.set(name, value || "all"); }
      });
      if (sortKey) { query.set("sort", sortKey); }
      if (sortDown) { query.set("order", "desc"); }
      var text = query.toString();
      history.replaceState(null, "", text ? "?" + text : location.pathname);
    }
  }

  fetch(holder.dataset.rows).then(function (response) {
    if (!response.ok) { throw new Error(response.status); }
    return response.json();
  }).then(function (data) {
    rows = data;
    if (params.get("year") === "all") { params.set("year", ""); }
    buildForm();
    buildHeaders();
    holder.parentNode.insertBefore(form, holder);
    holder.parentNode.insertBefore(count, holder);
    holder.appendChild(more);
    var help = document.querySelector(".status-overview__help");
    if (help) { help.hidden = false; }
    more.addEventListener("click", function () { limit += SHOWN; draw(false); });
    window.addEventListener("beforeprint", function () { limit = chosen.length; draw(false); });
    draw(false);
  }, function () {
    // The table as published (the latest year) stays: nothing else to do without the rows.
  });
});
