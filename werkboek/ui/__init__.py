"""The ipywidgets layer: capture widgets, the exercise runner, the page shell and the pages.

Pages are plain Python (``werkboek.ui.pages.<name>.build()``) so they can be tested without a
browser; the notebooks in ``notebooks/`` only call ``show_page``. No SQL here: the casebook API only.
"""
