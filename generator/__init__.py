"""规划实施年度监测公报生成器。

The stages are separate packages, each importing only those below it (tests/test_layers.py):
``model`` ← ``load`` ← ``check`` ← ``judge`` ← ``render`` ← ``publish``; ``pipeline`` calls them in order.
Chinese domain words map to English identifiers once, in :mod:`generator.glossary`.
"""
