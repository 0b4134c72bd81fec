"""Gabung: answers of the self-assessment questionnaire (K3) from many hands into one
workbook: filled individual forms, other questionnaire workbooks, survey exports
(KoboToolbox/ODK, Google Forms) and tables saved by any spreadsheet program.

* :mod:`.model` — what a source sheet is (:class:`~.model.Grid`) and one respondent's
  answers found in it, with where they came from (:class:`~.model.SourceRow`);
* :mod:`.columns` — headers to item keys, answer labels to numbers (pure Python);
* :mod:`.readers` — files to grids (pandas, python-calamine);
* :mod:`.merge` — which rows are new, which are flagged, and the action writing them.
"""
