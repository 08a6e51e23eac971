"""One truth, many views (#25): for every indicator and year of the built sample site, the status word,
light and its measure, value, requirement, gap and 完成度 stated on the indicator page, the bulletin
(web and PDF text), the evaluation report (web and PDF text), the CSV and the indicator JSON agree."""

from __future__ import annotations



from consistency import inconsistencies
from generator.pipeline import load_and_judge


def test_every_view_of_the_sample_site_states_the_same(sample_site):
    judged = load_and_judge(sample_site)
    assert not judged.problems
    assert inconsistencies(sample_site / "site", judged.results) == []
