"""Shared pieces of the reflection pages (Dialoog, Spanningsvelden, Principes, Mijn reflecties).

Counting for the charts (``tally``), who the charts are about (``scope``), charts that load only
after the page is on screen (``lazy``), section switching (``sections``), the team round on one
tension field (``team_round``), and the journal's export and erasure (``journal``).
"""
