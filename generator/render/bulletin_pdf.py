"""The annual bulletin (年度监测公报) as one printable PDF per plan and year.

The PDF carries what the web bulletin shows, in the order a government bulletin uses: title page,
目录, 一、总体情况, 二、主要指标监测情况, 三、专栏实施情况, 四、任务落实情况, 五、数据说明 and, as an
appendix, the methodology text (rendered from the same template as the site's page).

The print template (templates/print/bulletin.html.j2, HTML with Jinja autoescape) only lays out
the context prepared here; WeasyPrint turns it into a PDF. Charts are the site's SVGs, embedded
as vector images; every font is embedded, so text stays selectable and searchable. The same
inputs give the same bytes: fixed dates and a fixed document identifier.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import multiprocessing
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.config import SiteConfig, Styles
from generator.judge import rollup
from generator.judge.engine import PlanResults
from generator.judge.rules import Judgement
from generator.model.status import Status, word
from generator.model.figures import WHOLE_AREA
from generator.model.plan import Indicator
from generator.render import links
from generator.render.chart_views import progress_view, status_view
from generator.render.environment import make_environment
from generator.render.explain import due_text, explanation, gap_text, goal_explanation, requirement_text
from generator.render.labels import counts_text, figure, goal_proof, goal_sentence, overview_sentence, with_unit
from generator.render.svg import render_svgs

FOLDER = "bulletins"  # under downloads/
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PRINT_TEMPLATE = "print/bulletin.html.j2"
PRINT_CSS = "print/bulletin.css"
NO_UNIT = "（未写明责任单位）"
_DIGITS = "零一二三四五六七八九"


def pdf_name(plan_id: str, year: int) -> str:
    """The file name: ASCII only (plan ids are validated ASCII), safe on any server."""
    return f"{plan_id}-{year}-bulletin.pdf"


def pdf_path(plan_id: str, year: int) -> str:
    """Where the PDF lives in docs/ (and so in the published site)."""
    return links.download(f"{FOLDER}/{pdf_name(plan_id, year)}")


def pdf_title(results: PlanResults, year: int) -> str:
    return f"{results.plan.info.title} {year} 年度监测公报"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99)."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _DIGITS[ones]
    return f"{_DIGITS[tens] if tens > 1 else ''}十{_DIGITS[ones] if ones else ''}"


def sub_label(n: int) -> str:
    return f"（{chinese_number(n)}）"


# ---------------------------------------------------------------------------------------------
# Charts


def _year_series(results: PlanResults, indicator: Indicator, year: int):
    """The whole-area series as it stood at the end of ``year``: later figures left out."""
    series = results.series.get((indicator.id, WHOLE_AREA))
    if series is None or all(f.year <= year for f in series.figures):
        return series, False
    return dataclasses.replace(series, figures=tuple(f for f in series.figures if f.year <= year)), True


def _chart_key(results: PlanResults, indicator: Indicator, year: int) -> str:
    _, cut = _year_series(results, indicator, year)
    return links.chart(results.plan.id, f"indicator-{indicator.id}" + (f"-{year}" if cut else ""))


def _chart_specs(results: PlanResults, year: int, styles: Styles,
                 known: dict[str, dict] | None = None) -> tuple[str | None, dict[str, dict]]:
    """The status chart and each 专栏 indicator's progress chart: docs path → {spec, summary}.

    A chart whose spec is the one the site shows keeps the site's path, so the site's spec (in
    ``known``, e.g. SiteParts.charts) and SVG file (``chart_svgs``) can stand in for it; a progress
    chart cut at an earlier year gets a path of its own."""
    plan = results.plan
    known = known or {}
    specs: dict[str, dict] = {}

    def add(key: str, make) -> None:
        spec = known.get(key) or make().spec
        specs[key] = {"spec": spec, "summary": spec.get("description", "")}

    counts = rollup.by_status(results, year)
    status_key = links.chart(plan.id, f"status-{year}") if counts else None
    if status_key:
        add(status_key, lambda: status_view(f"{year} 年指标状态", counts, styles))
    for indicator, _ in rollup.year_judgements(results, year):
        if indicator.column is not None:
            add(_chart_key(results, indicator, year),
                lambda i=indicator: progress_view(results, i, _year_series(results, i, year)[0]))
    return status_key, specs


def _svg_texts(specs: dict[str, dict], chart_svgs: dict[str, Path] | None, cache_dir: Path | None) -> dict[str, str]:
    """SVG text per docs path: from ``chart_svgs`` where given, else rendered (through the cache)."""
    given = {key: Path(chart_svgs[key]) for key in specs if chart_svgs and key in chart_svgs and Path(chart_svgs[key]).is_file()}
    texts = {key: path.read_text(encoding="utf-8") for key, path in given.items()}
    wanted = {key: spec for key, spec in specs.items() if key not in texts}
    if wanted:
        with tempfile.TemporaryDirectory(prefix="bulletin-charts-") as folder:
            cache = cache_dir or Path(folder) / "cache"
            jobs = {Path(folder) / f"{n}.svg": spec for n, spec in enumerate(wanted.values())}
            render_svgs(jobs, cache)
            for key, path in zip(wanted, jobs):
                texts[key] = path.read_text(encoding="utf-8")
    return texts


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# ---------------------------------------------------------------------------------------------
# Context


def _status(styles: Styles, status: str) -> dict:
    style = styles.of(status)
    return {"icon": style.icon, "word": word(status), "key": style.key}


def _indicator_row(results: PlanResults, indicator: Indicator, judgement: Judgement, styles: Styles) -> dict:
    unit = indicator.unit
    return {
        "name": results.plan.full_name(indicator),
        "attribute": indicator.attribute or "—",
        "value": with_unit(judgement.value.text, unit) if judgement.value else "数据暂缺",
        "changed": judgement.definition_changed,
        "target": f"{judgement.target.year} 年 {with_unit(judgement.target.value.text, unit)}" if judgement.target else "—",
        "expected": requirement_text(judgement, unit),
        "status": _status(styles, judgement.status),
        "gap": gap_text(judgement, unit).replace("—", ""),
        "light": _status(styles, judgement.light) if judgement.light else None,
    }


def _goal_rows(results: PlanResults, year: int, styles: Styles) -> list[dict]:
    """Yes/no and milestone targets of the year: reported state, status, evidence and proof (counted apart)."""
    rows = []
    for goal, judgement in rollup.goal_judgements(results, year):
        proof = goal_proof(goal, results.goals[goal.id].report(year))
        rows.append({"name": goal.name, "kind": goal.kind_word, "due": due_text(None if goal.annual else goal.due),
                     "reported": judgement.state or "数据暂缺", "status": _status(styles, judgement.status),
                     "light": _status(styles, judgement.light) if judgement.light else None,
                     "explanation": goal_explanation(judgement), "proof": "；".join(proof)})
    return rows


def _counts_text(counts: list[tuple[str, int]]) -> str:
    return counts_text(counts)


def _notes(results: PlanResults, year: int, pairs: list[tuple[Indicator, Judgement]]) -> list[dict]:
    plan = results.plan
    changed = [f"{plan.full_name(i)}：{j.value.text if j.value else ''} 统计口径变化，与基期不可比，不计算完成度。"
               for i, j in pairs if j.definition_changed]
    missing = [f"{plan.full_name(i)}：{year} 年数据暂缺，不作推算。" for i, j in pairs if j.status == Status.MISSING]
    figures = [f for (_, region), s in results.series.items() if region == WHOLE_AREA for f in s.figures if f.year == year]
    names = {i.id: plan.full_name(i) for i, _ in pairs}
    remarks = [f"{names[f.indicator_id]}：{f.note}" for f in figures if f.note and f.indicator_id in names]
    sources = list(dict.fromkeys(f.source for f in figures if f.source))
    notes = []
    if results.sample:
        notes.append({"title": "示例数据", "lines": ["本公报中的年度数值和进展情况是为演示生成的示例数据，不是官方统计数据，不得引用。"]})
    notes.append({"title": "口径变化", "lines": changed or ["本年度没有统计口径发生变化的指标。"]})
    notes.append({"title": "数据暂缺", "lines": missing or ["本年度各项指标数据均已报送。"]})
    if remarks:
        notes.append({"title": "数值说明", "lines": remarks})
    if sources:
        notes.append({"title": "数据来源", "lines": sources})
    notes.append({"title": "测算方法", "lines": ["各项指标状态的判定方法见附件《测算方法说明》。"]})
    return notes


def methodology_html(config: SiteConfig, templates: Path) -> Markup:
    """The methodology page's text (templates/methodology.md.j2, the site's own context) as HTML.

    The page's breadcrumbs and top heading are dropped: the bulletin gives the appendix its own."""
    from generator.render.pages.common import SiteParts
    from generator.render.pages.static import methodology_page

    page = methodology_page(SiteParts(config))
    text = make_environment(templates).get_template(page.template).render(**page.context)
    lines = [line for line in text.splitlines() if not line.startswith(("<nav", "# "))]
    html = markdown.markdown("\n".join(lines), extensions=["tables"], output_format="html")
    return Markup(re.sub(r"<(/?)h([2-5])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html))


def bulletin_context(results: PlanResults, year: int, config: SiteConfig, svgs: dict[str, str],
                     methodology: Markup, charts: tuple[str | None, dict[str, dict]] | None = None) -> dict:
    """Everything the print template shows for one plan and year, prepared and in order.

    ``svgs`` holds the SVG text of each chart ``_chart_specs`` names (docs path → text)."""
    from generator.render.pages.bulletin import group_label  # pages.bulletin links to the PDFs named here

    plan, info, styles, settings = results.plan, results.plan.info, config.styles, config.settings
    pairs = rollup.year_judgements(results, year)
    status_key, specs = charts or _chart_specs(results, year, styles)

    def chart(key: str) -> dict:
        return {"src": _data_uri(svgs[key]), "summary": specs[key]["summary"]}

    counts = rollup.by_status(results, year)
    total = sum(n for _, n in counts)
    groups: dict[str, list[dict]] = {}
    for indicator, judgement in pairs:
        label = group_label(indicator.table)
        if re.fullmatch(r"表\s*\d+", label):  # a numbered table of the plan: not to be confused with this bulletin's own
            label = f"规划文件{label}所列指标"
        groups.setdefault(label, []).append(_indicator_row(results, indicator, judgement, styles))

    by_column = rollup.by_column(results, year)
    columns = []
    for column in plan.columns:
        column_pairs = [(i, j) for i, j in pairs if i.column == column.number]
        milestones = [{"year": m.year.text, "text": m.text, "status": _status(styles, state.status), "report": state.text}
                      for c, m, state in results.milestones.get(year, ()) if c.number == column.number]
        if not column_pairs and not milestones:
            continue
        charts = [chart(_chart_key(results, indicator, year)) for indicator, _ in column_pairs]
        columns.append({
            "heading": f"专栏 {column.number}：{column.title}",
            "counts": _counts_text(by_column.get(column.number, [])),
            "indicators": [_indicator_row(results, i, j, styles) for i, j in column_pairs],
            "charts": charts,
            "milestones": milestones,
            "milestone_counts": _counts_text(rollup.ordered_counts([m["status"]["word"] for m in milestones],
                                                                    rollup.ITEM_STATUSES)),
        })

    units: dict[str, list[dict]] = {}
    for task, state in results.tasks.get(year, ()):
        for unit in task.lead_units or [NO_UNIT]:
            units.setdefault(plan.canonical_unit(unit), []).append({
                "number": task.number or "", "work": task.work, "status": _status(styles, state.status),
                "report": state.text, "deadline": task.deadline.text if task.deadline else "",
                "spent": f"{state.spent:g}" if state.spent is not None else ""})
    unit_list = [{"name": name, "tasks": tasks,
                  "counts": _counts_text(rollup.ordered_counts([t["status"]["word"] for t in tasks], rollup.ITEM_STATUSES))}
                 for name, tasks in sorted(units.items())]
    task_counts = rollup.ordered_counts([s.status for _, s in results.tasks.get(year, ())], rollup.ITEM_STATUSES)

    goal_rows = _goal_rows(results, year, styles)
    goals = {"id": "s2-goals", "label": sub_label(len(groups) + 1), "rows": goal_rows,
             "overview": goal_sentence(rollup.goal_judgements(results, year))} if goal_rows else None
    # Headings with their anchors, numbered as a government document numbers them.
    group_list = [{"id": f"s2-{n}", "label": sub_label(n), "title": label, "rows": rows}
                  for n, (label, rows) in enumerate(groups.items(), 1)]
    for n, column in enumerate(columns, 1):
        column.update(id=f"s3-{n}", label=sub_label(n))
    for n, unit in enumerate(unit_list, 1):
        unit.update(id=f"s4-{n}", label=sub_label(n))
    toc = [
        {"id": "s1", "title": "一、总体情况", "level": 1},
        {"id": "s2", "title": "二、主要指标监测情况", "level": 1},
        *({"id": g["id"], "title": f"{g['label']}{g['title']}", "level": 2} for g in group_list),
        *([{"id": goals["id"], "title": f"{goals['label']}是否达成和里程碑目标", "level": 2}] if goals else []),
        {"id": "s3", "title": "三、专栏实施情况", "level": 1},
        *({"id": c["id"], "title": f"{c['label']}{c['heading']}", "level": 2} for c in columns),
        {"id": "s4", "title": "四、任务落实情况", "level": 1},
        *({"id": u["id"], "title": f"{u['label']}{u['name']}", "level": 2} for u in unit_list),
        {"id": "s5", "title": "五、数据说明", "level": 1},
        {"id": "appendix", "title": "附件：测算方法说明", "level": 1},
    ]
    # Status colours from site_config (keys and colours are validated: [a-z-]+ and #rrggbb).
    status_css = "\n".join(f".status-{s.key} .icon {{ color: {s.color}; }}"
                           for group in (styles.indicator_statuses, styles.task_statuses, styles.lights)
                           for s in group.values())
    return {
        "lang": "zh-CN",
        "title": pdf_title(results, year),
        "plan_title": info.title,
        "bulletin_title": f"{year} 年度监测公报",
        "site_name": settings.site_name,
        "publisher": settings.publisher,
        "issuer": info.issuer,
        "document_number": info.document_number or "",
        "issue_date": f"{info.issue_date.year} 年 {info.issue_date.month} 月 {info.issue_date.day} 日" if info.issue_date else "",
        "period": f"{info.period.start}—{info.period.end} 年",
        "cutoff": f"数据截至 {year} 年底",
        "date": f"{year}-12-31",
        "year": year,
        "sample": results.sample,
        "toc": toc,
        "overview": overview_sentence(pairs, plan.full_name),
        "warnings": [_indicator_row(results, w.indicator, w.judgement, styles) for w in rollup.warnings(results, year)],
        "warning_notes": [f"{plan.full_name(w.indicator)}：{explanation(w.judgement, w.indicator.unit)}"
                          for w in rollup.warnings(results, year)],
        "has_binding": any(i.attribute == "约束性" for i, _ in pairs),
        "show_attribute": any(i.attribute for i, _ in pairs),
        "counts": [{"status": _status(styles, s), "count": n, "share": f"{n / total * 100:.1f}%"} for s, n in counts],
        "total": total,
        "by_attribute": [(attribute, _counts_text(c)) for attribute, c in rollup.by_attribute(results, year)],
        "status_chart": chart(status_key) if status_key else None,
        "groups": group_list,
        "goals": goals,
        "columns": columns,
        "has_columns": bool(plan.columns),
        "units": unit_list,
        "has_tasks": bool(plan.tasks),
        "task_total": sum(n for _, n in task_counts),
        "task_counts": _counts_text(task_counts),
        "notes": _notes(results, year, pairs),
        "methodology": methodology,
        "status_css": Markup(status_css),
    }


# ---------------------------------------------------------------------------------------------
# Rendering


def _print_environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_pdf(html: str, css: str, identifier: str) -> bytes:
    """HTML to PDF bytes: nothing fetched from anywhere (charts are inline), fixed identifier."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
    return document.write_pdf(pdf_identifier=hashlib.md5(identifier.encode("utf-8")).hexdigest().encode("ascii"))


def _render_job(job: tuple[str, str, str]) -> bytes:
    return render_pdf(*job)


def _cache_key(job: tuple[str, str, str]) -> str:
    digest = hashlib.sha256(f"weasyprint {version('weasyprint')}\n".encode())
    for part in job:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _render_all(jobs: dict[str, tuple[str, str, str]], cache_dir: Path | None, processes: int) -> dict[str, bytes]:
    """Render each job (html, css, identifier); a PDF made before from the same input comes from
    ``cache_dir``. Several PDFs are rendered in parallel worker processes."""
    cached = {path: cache_dir / f"{_cache_key(job)}.pdf" for path, job in jobs.items()} if cache_dir else {}
    pdfs = {path: file.read_bytes() for path, file in cached.items() if file.is_file()}
    todo = [path for path in jobs if path not in pdfs]
    workers = min(processes, len(todo), os.cpu_count() or 1)
    if workers >= 2:
        # spawn: a fresh interpreter per worker; fork could copy locks held by other threads.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            done = list(pool.map(_render_job, [jobs[path] for path in todo]))
    else:
        done = [_render_job(jobs[path]) for path in todo]
    for path, data in zip(todo, done):
        pdfs[path] = data
        if cache_dir:
            cache_dir.mkdir(parents=True, exist_ok=True)
            temporary = cached[path].with_name(f".{cached[path].name}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, cached[path])
    return {path: pdfs[path] for path in jobs}


def bulletin_pdfs(all_results: list[PlanResults], config: SiteConfig, templates: Path | None = None,
                  chart_svgs: dict[str, Path] | None = None, cache_dir: Path | None = None,
                  chart_specs: dict[str, dict] | None = None, pdf_cache: Path | None = None,
                  processes: int = 2) -> dict[str, bytes]:
    """Every plan's and year's bulletin PDF: docs path (downloads/bulletins/…) → bytes.

    ``chart_specs`` (docs path → Vega-Lite spec, as in SiteParts.charts) saves building the specs
    the site already has; ``cache_dir`` is the SVG cache the site's charts use; ``pdf_cache``
    keeps each PDF by its input, so an unchanged bulletin is not rendered again."""
    templates = templates or TEMPLATES
    template = _print_environment(templates).get_template(PRINT_TEMPLATE)
    css = (templates / PRINT_CSS).read_text(encoding="utf-8")
    methodology = methodology_html(config, templates)
    charts = {(results.plan.id, year): _chart_specs(results, year, config.styles, chart_specs)
              for results in all_results for year in results.years}
    wanted = {key: value["spec"] for _, specs in charts.values() for key, value in specs.items()}
    svgs = _svg_texts(wanted, chart_svgs, cache_dir)
    jobs = {}
    for results in all_results:
        for year in results.years:
            context = bulletin_context(results, year, config, svgs, methodology, charts[(results.plan.id, year)])
            jobs[pdf_path(results.plan.id, year)] = (template.render(**context), css, f"{results.plan.id}/{year}")
    return _render_all(jobs, pdf_cache, processes)


def bulletin_html(results: PlanResults, year: int, config: SiteConfig, templates: Path | None = None,
                  cache_dir: Path | None = None) -> str:
    """One bulletin's print HTML (what WeasyPrint is given), for checking and previewing."""
    templates = templates or TEMPLATES
    charts = _chart_specs(results, year, config.styles)
    svgs = _svg_texts({key: value["spec"] for key, value in charts[1].items()}, None, cache_dir)
    context = bulletin_context(results, year, config, svgs, methodology_html(config, templates), charts)
    return _print_environment(templates).get_template(PRINT_TEMPLATE).render(**context)


def write_bulletin_pdfs(all_results: list[PlanResults], config: SiteConfig, out_dir: Path,
                        chart_svgs: dict[str, Path] | None = None, *, templates: Path | None = None,
                        cache_dir: Path | None = None, chart_specs: dict[str, dict] | None = None,
                        pdf_cache: Path | None = None, processes: int = 2) -> list[Path]:
    """Write each bulletin PDF as ``out_dir/<plan-id>-<year>-bulletin.pdf``; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for docs_path, data in bulletin_pdfs(all_results, config, templates, chart_svgs, cache_dir, chart_specs,
                                         pdf_cache, processes).items():
        path = out_dir / Path(docs_path).name
        path.write_bytes(data)
        written.append(path)
    return written
