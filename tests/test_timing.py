"""Build progress and timing: nested phases counted once, progress drawn only where asked, one-line summary."""

import io

import pytest

from generator import timing
from generator.timing import Clock


class FakeTime:
    """A perf_counter that moves only when the test says: phase times are exact, whatever the machine."""

    def __init__(self):
        self.now = 100.0

    def perf_counter(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_time(monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(timing.time, "perf_counter", fake.perf_counter)
    return fake


def test_nested_phases_are_counted_in_their_own_phase_only(fake_time):
    clock = Clock()
    with clock.phase(timing.PDF):
        fake_time.sleep(0.05)
        with clock.phase(timing.SVG, total=2) as tick:
            fake_time.sleep(0.1)
            tick()
            tick()
        fake_time.sleep(0.25)
    assert clock.seconds[timing.PDF] == pytest.approx(0.3)
    assert clock.seconds[timing.SVG] == pytest.approx(0.1)
    assert clock.done == {timing.SVG: 2}
    assert sum(clock.seconds.values()) == pytest.approx(clock.total())


def test_progress_is_drawn_on_the_stream_given_and_cleared_at_the_end():
    stream = io.StringIO()
    clock = Clock(stream)
    with clock.phase(timing.PAGES, total=3) as tick:
        for _ in range(3):
            tick()
    shown = stream.getvalue()
    assert "网页……" in shown and "3/3" in shown
    assert shown.endswith("\r\033[K")  # the line is cleared for what the build prints next


def test_nothing_is_drawn_without_a_terminal(capsys):
    clock = timing.start()  # stderr is captured by pytest: not a terminal
    with timing.phase(timing.SVG, total=1) as tick:
        tick()
    assert capsys.readouterr().err == ""
    assert clock.done == {timing.SVG: 1}


def test_summary_is_one_chinese_line_with_the_phases_and_what_was_redone():
    clock = Clock()
    clock.seconds = {timing.LOAD: 0.4, timing.MKDOCS: 5.3, timing.SPECS: 0.01}
    clock.done = {timing.PDF: 1}
    line = clock.summary()
    assert "\n" not in line
    assert "（加载、检查、研判 0.4，MkDocs 5.3）" in line
    assert "图表规格" not in line  # under 0.05 s
    assert line.endswith("重新生成：PDF 1 份")
    clock.done = {}
    assert clock.summary().endswith("图表和 PDF 均未变，没有重新生成")


def test_timed_functions_count_in_their_phase(fake_time):
    clock = timing.start(show=False)

    @timing.timed(timing.DOWNLOADS)
    def slow() -> int:
        fake_time.sleep(0.02)
        return 7

    assert slow() == 7
    assert clock.seconds[timing.DOWNLOADS] == pytest.approx(0.02)
