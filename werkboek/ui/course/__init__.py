"""Course mode's screens (widgets) for a trainer's cohort; its data and figures are
``werkboek.course``."""
