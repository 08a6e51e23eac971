"""The workbench (工作台): a local web page where staff download the fill-in workbooks, upload the
filled files, see the problems, preview the site and release it — the terminal's steps, in a browser.

It only calls the pipeline that ``check``, ``build`` and the release use; no rule lives here.
"""
