import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import shutil

import pytest
from hypothesis import settings

from site_fixture import CHROMIUM_ARGS, ROOT, copy_project, run_build, serve, skip_unless_available

# Tiers: the developer's loop is `pytest -m "not browser and not pdf and not slow"`; CI runs all.
SLOW_FIXTURES = {"sample_site", "site_url"}

# Property tests: a few examples in the developer's loop, 400 in CI (.ci/run sets HYPOTHESIS_PROFILE=ci).
settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def sample_judged():
    """The repository's sample project loaded, checked and judged once per session (``load_and_judge``,
    most of a second each time). Shared by every test that asks for it: read it, never change it."""
    from generator.pipeline import load_and_judge  # here: a run of a few light tests need not import it

    judged = load_and_judge(ROOT)
    assert not judged.problems, "\n".join(map(str, judged.problems))
    return judged


@pytest.fixture(scope="session")
def sample_plans(sample_judged):
    """The repository's plans (content/), loaded and checked for ``sample_judged``."""
    return [result.plan for result in sample_judged.results]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample site built from the repository's content and data and published as its first
    release (one release per session)."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = run_build(root, "release", "--date", "2026-03-31")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def site_url(sample_site):
    url, server = serve(sample_site / "site")
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, with the flags that keep it off the network."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_unless_available("playwright is not installed (bash scripts/setup.sh --test)")
    if not shutil.which("chromium"):
        skip_unless_available("Debian's chromium is not installed (bash scripts/setup.sh --test)")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
