"""What the site's build asks of its engine, kept so that MkDocs or its successor Zensical can build it:
no outside URL left in published scripts and styles, site_dir inside the generated config's folder,
and the page template's test for a docs page."""

import re
from pathlib import Path

import yaml

from generator.config import load_site_config
from generator.publish.build import keep_requests_local, write_config
from generator.render.pages.common import SiteParts

ROOT = Path(__file__).resolve().parents[1]

BUNDLE = """
function a(){return typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):$()}
var m="https://unpkg.com/mermaid@11.4.1/dist/mermaid.min.js",k='https://cdn.jsdelivr.net/npm/katex@0.16/dist/katex.min.css';
let r=`https://api.github.com/repos/${e}/${t}`;let g=`https://${e}/api/v4/projects/${encodeURIComponent(t)}`;
document.createElementNS("http://www.w3.org/2000/svg","svg");
// Originally from narwhal.js (http://narwhaljs.org)
"""
STYLE = '@font-face{src:url(https://fonts.gstatic.com/s/roboto/v30/x.woff2)}.a{background:url("https://cdn.jsdelivr.net/a.png")}'


def test_every_outside_url_a_script_or_style_could_fetch_is_replaced(tmp_path):
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.x.min.js").write_text(BUNDLE, encoding="utf-8")
    (tmp_path / "assets" / "stylesheets" / "main.css").write_text(STYLE, encoding="utf-8")
    (tmp_path / "vendor.js").write_text("var plain = 1;", encoding="utf-8")
    keep_requests_local(tmp_path)
    script = (tmp_path / "assets" / "javascripts" / "bundle.x.min.js").read_text(encoding="utf-8")
    style = (tmp_path / "assets" / "stylesheets" / "main.css").read_text(encoding="utf-8")
    fetchable = re.compile(r"""(?:["'`]|url\()https?://(?!www\.w3\.org/)""")
    assert not fetchable.search(script) and not fetchable.search(style)
    assert '_t("data:text/javascript,")' in script and "var m=\"data:text/javascript,\"" in script
    assert "k='data:text/css,'" in script
    assert "let r=`data:text/javascript,`" in script and "let g=`data:text/javascript,`" in script
    assert '"http://www.w3.org/2000/svg"' in script  # a namespace's name, never fetched
    assert "(http://narwhaljs.org)" in script  # a comment's citation is left as it is
    assert style == '@font-face{src:url(data:,)}.a{background:url("data:,")}'
    assert (tmp_path / "vendor.js").read_text(encoding="utf-8") == "var plain = 1;"


def test_the_generated_config_keeps_site_dir_inside_its_own_folder(tmp_path):
    config, problems = load_site_config(ROOT / "site_config", ROOT)
    assert problems == []
    build = tmp_path / "build"
    build.mkdir()
    written = yaml.safe_load(write_config(tmp_path, build, SiteParts(config), build / ".site-new-x").read_text("utf-8"))
    assert written["site_dir"] == ".site-new-x"
    assert not Path(written["site_dir"]).is_absolute() and ".." not in Path(written["site_dir"]).parts


def test_the_page_template_knows_a_docs_page_by_its_file_or_its_path():
    template = (ROOT / "templates" / "theme" / "main.html").read_text(encoding="utf-8")
    assert "page and (page.file or page.path)" in template
