"""The house reads downward: each stage imports only the stages below it, and no module imports
itself round a cycle. Stages, lowest first: model < load < check < judge < render < publish <
pipeline < cli (the order README describes)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RANK = {"model": 0, "load": 1, "check": 2, "judge": 3, "render": 4, "publish": 5, "pipeline": 6, "cli": 7, "__main__": 7}


def modules() -> dict[str, set[str]]:
    """Every module of generator/ and the generator modules it imports (anywhere in the file)."""
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
        graph[name] = {m for m in imported if m == "generator" or m.startswith("generator.")}
    return graph


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_no_stage_imports_a_stage_above_it():
    upward = [f"{here} imports {there}" for here, imported in modules().items() for there in imported
              if stage(here) in RANK and stage(there) in RANK and RANK[stage(there)] > RANK[stage(here)]]
    assert upward == []


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
# rendering (generator/judge/site.py). The methodology page's worked examples are the one exception:
# they run the rules on example inputs — and the pipeline runs them before rendering too.
RENDER_MAY_JUDGE = {"generator.render.methodology"}


def test_render_imports_only_the_judge_records():
    judging = sorted(f"{here} imports {there}" for here, imported in modules().items()
                     if here.startswith("generator.render") and here not in RENDER_MAY_JUDGE
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
