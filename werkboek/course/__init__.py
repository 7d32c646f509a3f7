"""A course group (cohort) without widgets: what it holds as entries (assignments, learning
questions, stands, proposals), its figures as the trainer may read them (counts and group figures
only), and those figures as Dutch text and tables for the Trainer page and the accreditation file.
"""
