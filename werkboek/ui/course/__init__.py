"""Course mode: a trainer's cohort, its assignments, learning questions and progress."""
