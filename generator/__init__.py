"""规划实施年度监测公报生成器。

The stages are separate packages: ``load`` → ``check`` → ``judge`` → ``render`` → ``publish``.
Chinese domain words map to English identifiers once, in :mod:`generator.glossary`.
"""
