"""The Chinese domain words and the English identifiers used for them in the code.

User-facing text stays Chinese; code, YAML keys and ids use the English words below.

| 中文 | identifier |
|---|---|
| 规划 / 实施方案 | plan |
| 主要指标 | indicator |
| 其中：小学 / 初中（子项） | sub-item (``Indicator.parent``) |
| 基期值 | base |
| 目标值（某年） | target |
| 原文写法（>98、90 以上…） | written value (``WrittenValue``) |
| 约束性 / 预期性 | attribute: binding / expected |
| 国际通用类 / 地方发展性 | group |
| 专栏 | column |
| 主要目标 / 主要任务 / 实施步骤 / 保障条件 | goals / tasks / steps / conditions |
| 实施步骤中的年度事项 | milestone |
| 重点任务 / 重点工作 | key task |
| 任务分解表中的一项 | task |
| 项目 | project |
| 责任单位 / 牵头单位 | lead units |
| 协同单位 / 协助单位 | cooperating units |
| 资金预算：政府投入 / 学校自筹（万元） | budget: government / school |
| 完成时限 | deadline |
| 县（市、区） | region |
| 规划期 / 基期年 | period / base year |
| 原文摘录 | quote |
| 问题（检查结果） | problem |
| 多个规划共同的指标（比较） | measure |
| 定义 / 统计口径 / 数据来源单位 / 更新频率 | definition / statistical scope / reporting agency / update frequency |
| 状态总览 | status overview |
"""

DIRECTIONS = {"higher": "越大越好", "lower": "越小越好"}
