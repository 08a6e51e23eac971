"""Import a plan document (.docx, .pdf, .txt/.md) into a draft ``content/<plan>/`` folder.

Flow: read the file into a :class:`~generator.plan_import.document.Document` (paragraphs and
tables, whatever the format) → recognise its parts (metadata, indicator tables, 专栏, task
tables) → write the draft YAML, with ``# 待核对：…`` beside whatever needs a person's eye.
"""
