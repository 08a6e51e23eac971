"""Characters no font of the printable bulletins has: a reminder at ``check``, not a problem.

WeasyPrint draws a character none of the fonts named in templates/print/*.css has as an empty box
(an emoji 🎓 in a plan's title: a box on every PDF page that shows it). The fonts are those the
stylesheets name, found with fontconfig; their character maps are read only when a text holds a
character outside the ranges the CJK fonts are known to cover, so a usual check costs nothing.
"""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from generator.check.plan_rules import named_texts
from generator.load.plan import LoadedPlan
from generator.model.problems import Problem

GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
FAMILIES = re.compile(r"font-family:\s*([^;}]+)")
# Covered by Noto Serif/Sans CJK SC, which every stylesheet names first: ASCII and Latin-1, general
# punctuation, CJK symbols and punctuation, unified ideographs, full-width forms.
SURELY_COVERED = re.compile("[\u0020-\u007e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\n\t]+")


def stylesheet_families(templates: Path) -> list[str]:
    names: list[str] = []
    for sheet in sorted((templates / "print").glob("*.css")):
        for declaration in FAMILIES.findall(sheet.read_text(encoding="utf-8")):
            for name in (part.strip().strip("\"'") for part in declaration.split(",")):
                if name and name.lower() not in GENERIC and name not in names:
                    names.append(name)
    return names


@functools.lru_cache(maxsize=None)
def _characters(families: tuple[str, ...]) -> frozenset[int]:
    """Every code point the fonts of ``families`` installed here have (a family not installed adds none)."""
    from fontTools.ttLib import TTCollection, TTFont

    covered: set[int] = set()
    for family in families:
        found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", family], capture_output=True, text=True)
        matched, _, file = found.stdout.partition("\t")
        if found.returncode != 0 or family not in matched.split(","):
            continue  # fontconfig's fallback for a missing family is not that family
        fonts = TTCollection(file, lazy=True).fonts if file.lower().endswith(".ttc") else [TTFont(file, lazy=True)]
        for font in fonts[:1]:
            covered.update(font.getBestCmap())
    return frozenset(covered)


def uncovered(texts: Iterable[str], templates: Path) -> dict[str, list[str]]:
    """For each character no font of the bulletins has, the texts that hold it (in the order given)."""
    candidates = {text: set(SURELY_COVERED.sub("", text)) for text in texts}
    if not any(candidates.values()):
        return {}
    covered = _characters(tuple(stylesheet_families(templates)))
    found: dict[str, list[str]] = {}
    for text, characters in candidates.items():
        for character in sorted(characters):
            if ord(character) not in covered:
                found.setdefault(character, []).append(text)
    return found


def font_reminders(plans: list[LoadedPlan], templates: Path) -> list[Problem]:
    """A reminder for each name or text of a plan holding a character no font of the bulletins has."""
    places = [(loaded, file_name, path, text) for loaded in plans for file_name, path, text, _ in named_texts(loaded)
              if isinstance(text, str)]
    missing = uncovered([text for *_, text in places], templates)
    reminders = []
    for loaded, file_name, path, text in places:
        for character in (c for c in missing if text in missing[c]):
            reminders.append(loaded.problem(
                "no-font-for-character", f"字符“{character}”（U+{ord(character):04X}）公报（PDF）所用的字体都没有，PDF 中会显示为空框",
                file_name, path, found=text if len(text) <= 40 else text[:40] + "…",
                expected="换成文字，或删去这个字符（网页上仍按浏览器的字体显示）"))
    return reminders
