"""Site settings (site_config/): what staff may change without touching code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.check.plan_rules import NAME_LENGTH  # a name printed on every page and PDF cover, bounded as a plan's
from generator.model.problems import Problem
from generator.judge.evaluation import EvaluationThresholds
from generator.judge.rules import Thresholds as JudgingThresholds
from generator.load.validation import problems_from_validation
from generator.load.yaml_lines import read_yaml
from generator.model.status import ITEM_STATES, Light, Status, word


DEFAULT_DRAFT_BELOW = 0.5  # a year with fewer than half of its plan's indicators reported is a draft (初步数据)


class Strict(BaseModel):
    # .inf and .nan are numbers to YAML: refused here, never met by the judge (OverflowError)
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


POINTS = 100  # percentage points: no lag or lead can be larger


class Thresholds(Strict):
    orange_from: float = Field(10, gt=0, le=POINTS, description="落后序时进度达到这么多个百分点为橙灯（不足为黄灯）")
    red_from: float = Field(30, gt=0, le=POINTS, description="落后序时进度超过这么多个百分点为红灯")

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if self.orange_from >= self.red_from:
            raise ValueError(f"橙灯的起点 orange_from（{self.orange_from:g}）应小于红灯的起点 red_from（{self.red_from:g}），"
                             f"否则没有橙灯，或红灯在橙灯之前")
        return self


class Evaluation(Strict):
    ahead_from: float = Field(10, ge=0, le=POINTS, description="中期评估：完成度快于序时进度达到这么多个百分点为“快于预期”")
    close_within: float = Field(5, ge=0, le=POINTS, description="中期评估：落后序时进度不足这么多个百分点、且按趋势能达到目标，为“基本符合预期”")


class Contact(Strict):
    """问题和数据更正的联系方式 (连云港's 预警反馈): shown on every indicator page, bulletin and evaluation."""

    office: str = Field(min_length=1, max_length=NAME_LENGTH, description="受理问题和更正的单位（科室）")
    phone: str | None = Field(None, description="电话")
    email: str | None = Field(None, description="电子邮箱")
    address: str | None = Field(None, description="通信地址")
    hours: str | None = Field(None, description="受理时间")

    @model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if not (self.phone or self.email or self.address):
            raise ValueError("联系方式至少要写电话（phone）、电子邮箱（email）、通信地址（address）中的一项")
        return self

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) in the order a reader looks for them; empty ones left out."""
        shown = (("受理单位", self.office), ("电话", self.phone), ("电子邮箱", self.email), ("通信地址", self.address),
                 ("受理时间", self.hours))
        return [(label, value) for label, value in shown if value]

    def short(self) -> str:
        """One line for the page footer: the office and the first way to reach it."""
        way = next((f"{label} {value}" for label, value in self.lines()[1:] if label != "受理时间"), "")
        return f"{self.office}，{way}" if way else self.office


class SiteSettings(Strict):
    site_name: str = Field(max_length=NAME_LENGTH, description="网站名称")
    publisher: str = Field(max_length=NAME_LENGTH, description="发布单位")
    description: str = Field("", description="网站简介")
    # Older site.yaml files set the release date by hand; it is read and no longer used: the release
    # command records each release's date (data/published.json).
    release_date: dt.date | None = Field(None, description="已不再使用：发布日期由 release 命令记录，可删去这一行")
    draft_below: float = Field(DEFAULT_DRAFT_BELOW, ge=0, le=1,
                               description="某年已填报指标占规划指标的比例低于这个值时，这一年为初步数据（默认 0.5，即不足一半）")
    publish_drafts: list[int] = Field([], description="发布时一并公开的初步数据年份（也可在 release 命令后加 --include-draft 年份）")
    site_url: str | None = Field(None, pattern=r"^https?://[^\s\"'<>]+/$",
                                 description="网站发布地址（以 / 结尾）；网站不在域名根目录时必填，否则 404 页面的链接会失效")
    thresholds: Thresholds = Thresholds()
    about_tolerance: float = Field(0.05, gt=0, lt=1, description="“左右”的默认容差（相对值）")
    evaluation: Evaluation = Evaluation()
    contact: Contact = Field(description="问题和数据更正的联系方式")

    def judging(self, plan_tolerance: float | None = None) -> JudgingThresholds:
        """The judge's settings: the site's lights, and the plan's own 左右 tolerance where it sets one."""
        return JudgingThresholds(about_tolerance=plan_tolerance or self.about_tolerance,
                                 orange_from=self.thresholds.orange_from, red_from=self.thresholds.red_from)

    def evaluating(self) -> EvaluationThresholds:
        return EvaluationThresholds(ahead_from=self.evaluation.ahead_from, close_within=self.evaluation.close_within)


class StatusStyle(Strict):
    key: str = Field(pattern=r"^[a-z-]+$", description="网页样式名")
    color: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    icon: str
    short: str | None = None
    label: str | None = None


class Styles(Strict):
    indicator_statuses: dict[str, StatusStyle]
    task_statuses: dict[str, StatusStyle]
    lights: dict[str, StatusStyle]

    def of(self, status: str) -> StatusStyle:
        return self.indicator_statuses.get(status) or self.task_statuses.get(status) or self.lights[status]


# Every key the judge can give must have a style: a missing one is a located problem, not a KeyError mid-build.
REQUIRED_STYLES = {"indicator_statuses": [s.value for s in Status], "lights": [light.value for light in Light],
                   "task_statuses": list(ITEM_STATES)}


def _missing_styles(styles: Styles, doc, shown: str) -> list[Problem]:
    problems = []
    for group, keys in REQUIRED_STYLES.items():
        have = getattr(styles, group)
        for key in keys:
            if key not in have:
                problems.append(Problem("missing-status-style", f"缺少状态“{word(key)}”的显示方式", shown, group,
                                        doc.line_of((group,)), found=f"已列出：{'、'.join(have)}",
                                        expected=f"列出 {key}（{word(key)}）的颜色和图标"))
        for key in have:
            if key not in keys:
                problems.append(Problem("unknown-status-style", f"未知的状态代码“{key}”", shown, f"{group}.{key}",
                                        doc.line_of((group, key)), found=key, expected="、".join(keys)))
    return problems


class SiteConfig(Strict):
    settings: SiteSettings
    styles: Styles


def load_site_config(folder: Path, root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    problems: list[Problem] = []
    parts = {}
    for name, model in (("site.yaml", SiteSettings), ("statuses.yaml", Styles)):
        path = folder / name
        shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        if not path.is_file():
            problems.append(Problem("missing-file", f"缺少网站设置文件 {name}", shown))
            continue
        doc, read_problems = read_yaml(path, shown)
        problems += read_problems
        if doc is None:
            continue
        try:
            parts[name] = model.model_validate(doc.data)
        except ValidationError as error:
            problems += problems_from_validation(error, doc, shown)
            continue
        if model is Styles:
            problems += _missing_styles(parts[name], doc, shown)
    if problems:
        return None, problems
    return SiteConfig(settings=parts["site.yaml"], styles=parts["statuses.yaml"]), []
