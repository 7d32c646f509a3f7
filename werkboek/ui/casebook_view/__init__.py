"""The parts of the Casebook page: labels, search and filters, follow-up actions, export, chart.

Everything here reads through a ``Viewer``, so the store's visibility rules decide what a team
member sees; nothing here touches SQL.
"""
