"""werkboek: a Voilà workbook for learning and reflection in social-care teams.

Layers, one direction of dependency: content -> casebook -> ui -> report -> cli.
"""

__version__ = "0.1.0"
