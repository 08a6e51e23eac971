import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest

from site_fixture import CHROMIUM_ARGS, copy_project, run_build, serve


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample site built from the repository's content and data (one build per session)."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = run_build(root)
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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
