"""Rules a loaded plan must satisfy beyond its field types. Each rule yields problems."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.load.rows import LARGEST_VALUE
from generator.model.problems import Problem
from generator.check.draft_state import unfinished_draft
from generator.check.source_text import SourceText, comparable
from generator.load.plan import LoadedPlan
from generator.model.names import name_key

IND, COL, TASKS, PLAN, GOALS = "indicators.yaml", "columns.yaml", "tasks.yaml", "plan.yaml", "goals.yaml"
FIRST_YEAR, LAST_YEAR = 1900, 2100  # years a plan, its base year and its targets can plausibly have
# Names are headings, navigation entries, table cells and PDF titles: a name of thousands of characters
# made one build take 23 minutes (PDF layout). The longest in the plans encoded so far: title 34,
# indicator 30, 专栏 19, task 38, unit 22 characters; texts shown in one table cell: 260.
NAME_LENGTH, SHORT_TITLE_LENGTH, CELL_TEXT_LENGTH = 100, 40, 1000


def check_plan(loaded: LoadedPlan) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(loaded))
    return problems


def _duplicates(loaded: LoadedPlan, file_name: str, items: Iterable[tuple[tuple, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, tuple] = {}
    for path, key in items:
        if key in seen:
            first = loaded.docs[file_name].line_of(seen[key])
            yield loaded.problem("duplicate-id", f"{what}“{key}”重复", file_name, path,
                                 found=f"第 {first} 行已用过“{key}”", expected=f"每个{what}只出现一次")
        else:
            seen[key] = path


def unique_ids(loaded: LoadedPlan) -> Iterator[Problem]:
    plan = loaded.plan
    yield from _duplicates(loaded, IND, ((("indicators", n, "id"), i.id) for n, i in enumerate(plan.indicators)), "指标编号")
    yield from _duplicates(loaded, COL, ((("columns", n, "number"), str(c.number)) for n, c in enumerate(plan.columns)), "专栏编号")
    yield from _duplicates(loaded, COL, ((("columns", n, "milestones", k, "id"), m.id)
                                         for n, c in enumerate(plan.columns) for k, m in enumerate(c.milestones)), "事项编号")
    yield from _duplicates(loaded, TASKS, ((("key_tasks", n, "id"), k.id) for n, k in enumerate(plan.key_tasks)), "重点任务编号")
    yield from _duplicates(loaded, TASKS, ((("tasks", n, "id"), t.id) for n, t in enumerate(plan.tasks)), "任务编号")
    yield from _duplicates(loaded, GOALS, ((("goals", n, "id"), g.id) for n, g in enumerate(plan.goals)), "目标编号")


def plan_frame(loaded: LoadedPlan) -> Iterator[Problem]:
    info = loaded.plan.info
    if info.id != loaded.folder.name:
        yield loaded.problem("id-not-folder", "规划编号与文件夹名不一致", PLAN, ("id",),
                             found=info.id, expected=loaded.folder.name)
    for path, year in ((("period", "start"), info.period.start), (("period", "end"), info.period.end),
                       (("base_year",), info.base_year)):
        if not FIRST_YEAR <= year <= LAST_YEAR:  # a typo such as 20255 would make a plan of eighteen thousand years
            yield loaded.problem("year-implausible", "年份不像是规划的年份", PLAN, path,
                                 found=_cut(str(year)), expected=f"{FIRST_YEAR}–{LAST_YEAR} 之间的四位数年份，如 2021")
    if info.period.end < info.period.start:
        yield loaded.problem("period-reversed", "规划期的结束年早于开始年", PLAN, ("period",),
                             found=f"{info.period.start}–{info.period.end}", expected="start 不晚于 end")
    if info.base_year > info.period.start:
        yield loaded.problem("base-after-start", "基期年晚于规划期开始年", PLAN, ("base_year",),
                             found=str(info.base_year), expected=f"不晚于 {info.period.start}")
    keys = [name_key(region) for region in info.regions]
    for k, key in enumerate(keys):
        if key in keys[:k]:  # "甲县" twice, or once with a full-width letter or a decomposed character
            first = info.regions[keys.index(key)]
            yield loaded.problem("duplicate-region", "地区名称重复（写法略有不同的同一个名称也算重复）", PLAN, ("regions", k),
                                 found=f"“{info.regions[k]}”与“{first}”是同一个名称", expected="每个地区只写一次")


def indicator_years(loaded: LoadedPlan) -> Iterator[Problem]:
    period = loaded.plan.info.period
    span = f"{period.start}–{period.end}"
    for n, indicator in enumerate(loaded.plan.indicators):
        years = [t.year for t in indicator.targets]
        for where, year_value in ([("base", indicator.base)] if indicator.base else []) + [
                (("targets", k), t) for k, t in enumerate(indicator.targets)]:
            value = year_value.value
            if not max(abs(value.number), abs(value.upper or 0)) < LARGEST_VALUE:
                path = ("indicators", n, *((where,) if isinstance(where, str) else where), "value")
                yield loaded.problem("value-too-large", "数值大得不合常理（超过 15 位数）", IND, path,
                                     found=_cut(value.text), expected="规划文件中的数值")
        for k, target in enumerate(indicator.targets):
            if target.year not in period.years():
                yield loaded.problem("target-year-outside", "目标年份不在规划期内", IND, ("indicators", n, "targets", k, "year"),
                                     found=str(target.year), expected=f"{span} 之间的年份")
            if target.year in years[:k]:
                yield loaded.problem("duplicate-target-year", "同一年份写了两个目标", IND, ("indicators", n, "targets", k, "year"),
                                     found=str(target.year), expected="每个年份一个目标")
        if years != sorted(years):
            yield loaded.problem("targets-unordered", "目标应按年份从早到晚排列", IND, ("indicators", n, "targets"),
                                 found="、".join(map(str, years)), expected="、".join(map(str, sorted(years))))
        if indicator.base and years and indicator.base.year >= min(years):
            yield loaded.problem("base-after-target", "基期年份不早于目标年份", IND, ("indicators", n, "base", "year"),
                                 found=str(indicator.base.year), expected=f"早于 {min(years)}")
        if not indicator.targets and not loaded.plan.sub_items(indicator.id):
            yield loaded.problem("no-target", "指标没有目标值，无法监测", IND, ("indicators", n),
                                 found=indicator.id, expected="targets 中至少一个目标年和目标值")


def indicator_links(loaded: LoadedPlan) -> Iterator[Problem]:
    plan = loaded.plan
    ids = {i.id: i for i in plan.indicators}
    columns = {c.number for c in plan.columns}
    key_tasks = {k.id for k in plan.key_tasks}
    for n, indicator in enumerate(plan.indicators):
        if indicator.column is not None and indicator.column not in columns:
            yield loaded.problem("missing-column", "所属专栏不存在", IND, ("indicators", n, "column"),
                                 found=f"专栏 {indicator.column}", expected=f"columns.yaml 中已有的专栏编号：{_listing(sorted(columns))}")
        for k, number in enumerate(indicator.also_in_columns):
            if number not in columns:
                yield loaded.problem("missing-column", "also_in_columns 中的专栏不存在", IND,
                                     ("indicators", n, "also_in_columns", k), found=f"专栏 {number}",
                                     expected=f"columns.yaml 中已有的专栏编号：{_listing(sorted(columns))}")
        if indicator.key_task is not None and indicator.key_task not in key_tasks:
            yield loaded.problem("missing-key-task", "所属重点任务不存在", IND, ("indicators", n, "key_task"),
                                 found=indicator.key_task, expected="tasks.yaml 中 key_tasks 已有的编号")
        if indicator.parent is not None:
            parent = ids.get(indicator.parent)
            if parent is None or parent.id == indicator.id:
                yield loaded.problem("missing-parent", "子项的上级指标不存在", IND, ("indicators", n, "parent"),
                                     found=indicator.parent, expected="本文件中另一个指标的 id")
            elif parent.parent is not None:
                yield loaded.problem("nested-sub-item", "子项的上级指标本身也是子项（只支持一级子项）", IND,
                                     ("indicators", n, "parent"), found=indicator.parent, expected="一个没有 parent 的指标")


def milestone_years(loaded: LoadedPlan) -> Iterator[Problem]:
    period = loaded.plan.info.period
    for n, column in enumerate(loaded.plan.columns):
        for k, milestone in enumerate(column.milestones):
            start, end = milestone.year.resolved(period.start, period.end)
            if start < period.start or end > period.end:
                yield loaded.problem("milestone-year-outside", "事项年份不在规划期内", COL,
                                     ("columns", n, "milestones", k, "year"), found=milestone.year.text,
                                     expected=f"{period.start}–{period.end} 之间")


def task_links(loaded: LoadedPlan) -> Iterator[Problem]:
    key_tasks = {k.id for k in loaded.plan.key_tasks}
    for n, task in enumerate(loaded.plan.tasks):
        if task.key_task is not None and task.key_task not in key_tasks:
            yield loaded.problem("missing-key-task", "所属重点任务不存在", TASKS, ("tasks", n, "key_task"),
                                 found=task.key_task, expected="key_tasks 中已有的编号")


def goal_links(loaded: LoadedPlan) -> Iterator[Problem]:
    """A yes/no or milestone target: due within the period, linked to what exists, 每年 only where the text says so."""
    plan = loaded.plan
    period = plan.info.period
    columns = {c.number for c in plan.columns}
    key_tasks = {k.id for k in plan.key_tasks}
    for n, goal in enumerate(plan.goals):
        if not goal.annual and goal.due not in period.years():
            yield loaded.problem("goal-due-outside", "完成年份不在规划期内", GOALS, ("goals", n, "due"),
                                 found=str(goal.due), expected=f"{period.start}–{period.end} 之间的年份，或“每年”")
        if goal.annual and not any(word in comparable(q) for q in goal.quote for word in ("每年", "逐年")):
            yield loaded.problem("annual-not-in-quote", "写了“每年”，但原文摘录中没有“每年”或“逐年”", GOALS, ("goals", n, "due"),
                                 found="每年", expected="原文写“每年……”“逐年……”的目标才写 due: 每年；否则写完成年份")
        if goal.column is not None and goal.column not in columns:
            yield loaded.problem("missing-column", "所属专栏不存在", GOALS, ("goals", n, "column"),
                                 found=f"专栏 {goal.column}", expected=f"columns.yaml 中已有的专栏编号：{_listing(sorted(columns))}")
        if goal.key_task is not None and goal.key_task not in key_tasks:
            yield loaded.problem("missing-key-task", "所属重点任务不存在", GOALS, ("goals", n, "key_task"),
                                 found=goal.key_task, expected="tasks.yaml 中 key_tasks 已有的编号")
        if goal.region is not None and goal.region not in plan.info.regions:
            yield loaded.problem("unknown-region", "规划中没有这个地区", GOALS, ("goals", n, "region"),
                                 found=goal.region, expected=f"plan.yaml 的 regions 之一：{_listing(plan.info.regions)}")
        if goal.unit and goal.proof != "数量":
            yield loaded.problem("unit-without-count", "写了单位，但佐证不是数量", GOALS, ("goals", n, "unit"),
                                 found=goal.unit, expected="proof: 数量（以数量为佐证时才写单位）")


def faithful_to_source(loaded: LoadedPlan) -> Iterator[Problem]:
    """Every quote, value and text taken from the document must be found in source.txt."""
    source = SourceText(loaded.plan.source_text)
    not_found = "原文 source.txt 中找不到这段文字（核对时忽略空白和页码）"
    for n, indicator in enumerate(loaded.plan.indicators):
        quotes = indicator.quote
        for k, quote in enumerate(quotes):
            if not source.contains(quote):
                yield loaded.problem("quote-not-in-source", not_found, IND, ("indicators", n, "quote", k) if len(quotes) > 1
                                     else ("indicators", n, "quote"), found=_cut(quote), expected="从原文原样复制的一段")
        values = [("base", indicator.base)] if indicator.base else []
        values += [(("targets", k), t) for k, t in enumerate(indicator.targets)]
        for where, year_value in values:
            text = year_value.value.text
            if not any(comparable(text) in comparable(q) for q in quotes):
                path = ("indicators", n, *((where,) if isinstance(where, str) else where), "value")
                yield loaded.problem("value-not-in-quote", "数值在原文摘录 quote 中找不到", IND, path,
                                     found=text, expected="与 quote 中的写法一致")
    for n, column in enumerate(loaded.plan.columns):
        for name in ("title", "goals", "tasks", "steps", "conditions", "body"):
            text = getattr(column, name)
            if text and not source.contains(text):
                yield loaded.problem("text-not-in-source", not_found, COL, ("columns", n, name), found=_cut(text))
        steps = SourceText(column.steps or "")
        for k, milestone in enumerate(column.milestones):
            if not (steps.contains(milestone.text) or source.contains(milestone.text)):
                yield loaded.problem("text-not-in-source", "事项文字在实施步骤和原文中都找不到", COL,
                                     ("columns", n, "milestones", k, "text"), found=_cut(milestone.text))
    for n, goal in enumerate(loaded.plan.goals):
        for k, quote in enumerate(goal.quote):
            if not source.contains(quote):
                yield loaded.problem("quote-not-in-source", not_found, GOALS, ("goals", n, "quote", k) if len(goal.quote) > 1
                                     else ("goals", n, "quote"), found=_cut(quote), expected="从原文原样复制的一段")
        for k, unit in enumerate(goal.lead_units):
            if not source.contains(unit):
                yield loaded.problem("unit-not-in-source", "单位名称在原文中找不到", GOALS, ("goals", n, "lead_units", k), found=unit)
    for listing, items in (("key_tasks", loaded.plan.key_tasks), ("tasks", loaded.plan.tasks)):
        for n, item in enumerate(items):
            for name in ("title", "project", "name", "work"):
                text = getattr(item, name, None)
                if text and not source.contains(text):
                    yield loaded.problem("text-not-in-source", not_found, TASKS, (listing, n, name), found=_cut(text))
            for name in ("lead_units", "cooperating_units"):
                for k, unit in enumerate(getattr(item, name)):
                    if not source.contains(unit):
                        yield loaded.problem("unit-not-in-source", "单位名称在原文中找不到", TASKS, (listing, n, name, k), found=unit)
            budget = getattr(item, "budget", None)
            for side in ("government", "school"):
                text = getattr(budget, side) if budget else None
                if text and not source.contains(text):
                    yield loaded.problem("text-not-in-source", "资金预算在原文中找不到", TASKS, (listing, n, "budget", side), found=text)
            deadline = getattr(item, "deadline", None)
            if deadline and not source.contains(deadline.text):
                yield loaded.problem("text-not-in-source", "完成时限在原文中找不到", TASKS, (listing, n, "deadline"), found=deadline.text)


def named_texts(loaded: LoadedPlan) -> Iterator[tuple[str, tuple, str | None, int]]:
    """(file, path, text, limit) of every name and every text shown in one table cell."""
    plan = loaded.plan
    info = plan.info
    yield PLAN, ("short_title",), info.short_title, SHORT_TITLE_LENGTH
    for name in ("title", "issuer", "document_number"):
        yield PLAN, (name,), getattr(info, name), NAME_LENGTH
    yield from ((PLAN, ("regions", k), region, NAME_LENGTH) for k, region in enumerate(info.regions))
    for n, indicator in enumerate(plan.indicators):
        for name in ("name", "unit", "group", "table"):
            yield IND, ("indicators", n, name), getattr(indicator, name), NAME_LENGTH
        yield IND, ("indicators", n, "note"), indicator.note, CELL_TEXT_LENGTH
    for n, column in enumerate(plan.columns):
        yield COL, ("columns", n, "title"), column.title, NAME_LENGTH
        yield from ((COL, ("columns", n, "milestones", k, "text"), m.text, CELL_TEXT_LENGTH) for k, m in enumerate(column.milestones))
    for listing, items in (("key_tasks", plan.key_tasks), ("tasks", plan.tasks)):
        for n, item in enumerate(items):
            for name in ("title", "project", "name"):
                yield TASKS, (listing, n, name), getattr(item, name, None), NAME_LENGTH
            yield TASKS, (listing, n, "work"), getattr(item, "work", None), CELL_TEXT_LENGTH
            for name in ("lead_units", "cooperating_units"):
                yield from ((TASKS, (listing, n, name, k), unit, NAME_LENGTH) for k, unit in enumerate(getattr(item, name)))
    for n, goal in enumerate(plan.goals):
        for name in ("name", "unit", "table", "region"):
            yield GOALS, ("goals", n, name), getattr(goal, name, None), NAME_LENGTH
        yield GOALS, ("goals", n, "note"), getattr(goal, "note", None), CELL_TEXT_LENGTH
        yield from ((GOALS, ("goals", n, "lead_units", k), unit, NAME_LENGTH) for k, unit in enumerate(goal.lead_units))


def name_lengths(loaded: LoadedPlan) -> Iterator[Problem]:
    for file_name, path, text, limit in named_texts(loaded):
        if isinstance(text, str) and len(text) > limit:
            what = "名称" if limit <= NAME_LENGTH else "文字"
            yield loaded.problem("name-too-long", f"{what}太长（{len(text)} 个字符），网页和公报无法正常排版", file_name, path,
                                 found=_cut(text), expected=f"不超过 {limit} 个字符" + ("；长的说明写进 note 或正文" if what == "名称" else ""))


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _listing(values: list) -> str:
    return "、".join(map(str, values)) or "（无）"


RULES = (plan_frame, name_lengths, unique_ids, indicator_years, indicator_links, milestone_years, task_links, goal_links,
         faithful_to_source, unfinished_draft)
