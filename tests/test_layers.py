"""The house reads downward: each stage imports only the stages below it, and no module imports
itself round a cycle. Stages, lowest first: model < load < check < judge < render < publish <
pipeline < cli (the order README describes). Every module has a rank, the top-level ones too:
the helpers every stage may use (glossary, activity, timing, arguments, command) sit below model,
writing (which reports its problems as model's Problem) just above it, the
site settings (config, read with the judge's thresholds) between judge and render, the fill-in
workbook (workbook, written with render's cells) between render and publish, the plan importer
(plan_import, which writes content files for staff to check) and the workbench (which runs the
stages for staff in a browser) beside pipeline, and the analysts'
results frame (results, which loads and judges a project) between pipeline and cli."""

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RANK = {"glossary": -1, "activity": -1, "timing": -1, "arguments": -1, "command": -1,
        "model": 0, "writing": 0.5, "load": 1, "check": 2, "judge": 3, "config": 3.5, "render": 4, "workbook": 4.5, "publish": 5,
        "plan_import": 6, "workbench": 6, "pipeline": 6, "results": 6.5, "cli": 7, "__main__": 7}


def modules() -> dict[str, set[str]]:
    """Every module of generator/ and the generator modules it imports (anywhere in the file); a fresh
    copy for each test of the graph parsed once."""
    return {name: set(imported) for name, imported in _parsed().items()}


@functools.cache  # parsing every module takes a third of a second; the tests share one reading
def _parsed() -> dict[str, frozenset[str]]:
    graph = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
        graph[name] = frozenset(m for m in imported if m == "generator" or m.startswith("generator."))
    return graph


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def upward(graph: dict[str, set[str]]) -> list[str]:
    return [f"{here} imports {there}" for here, imported in graph.items() for there in imported
            if stage(there) and RANK[stage(there)] > RANK[stage(here)]]


def test_every_module_has_a_rank():
    assert [module for module in modules() if module != "generator" and stage(module) not in RANK] == []


# Known upward imports, each to be undone (not a place to add new ones): completeness (the 报送 table
# of the release and the workbench) reads site.yaml's draft threshold through config, which the
# judge's thresholds rank above check.
KNOWN_UPWARD = ["generator.check.completeness imports generator.config"]


def test_no_stage_imports_a_stage_above_it():
    assert upward(modules()) == KNOWN_UPWARD


def test_an_upward_import_through_a_top_level_module_is_found():
    graph = {**modules(), "generator.config": modules()["generator.config"] | {"generator.pipeline"},
             "generator.writing": {"generator.render.svg"}}
    assert set(upward(graph)) - set(KNOWN_UPWARD) == {"generator.config imports generator.pipeline",
                                                      "generator.writing imports generator.render.svg"}


def test_no_import_cycles():
    graph = modules()
    known = set(graph)

    def target(name: str) -> str | None:  # "generator.render.labels" or a package "generator.render"
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    edges = {m: {t for i in imported if (t := target(i)) and t != m} for m, imported in graph.items()}
    cycles, index, low, stack, on_stack, counter = [], {}, {}, [], set(), [0]

    def connect(v):  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    assert cycles == []


# Render reads the judge's records and nothing else of judge/: everything is judged once, before
# rendering (generator/judge/site.py), the methodology page's worked examples included
# (generator/judge/worked_examples.py).


def test_render_imports_only_the_judge_records():
    judging = sorted(f"{here} imports {there}" for here, imported in modules().items()
                     if here.startswith("generator.render")
                     for there in imported
                     if (there == "generator.judge" or there.startswith("generator.judge."))
                     and there != "generator.judge.records")
    assert judging == []


def test_the_judge_records_hold_no_judging_function():
    """records.py names record types only: a function of the rules imported there would let render judge."""
    import generator.judge.records as records

    callables = [name for name in records.__all__ if not isinstance(getattr(records, name), type)
                 and callable(getattr(records, name))]
    assert callables == []
