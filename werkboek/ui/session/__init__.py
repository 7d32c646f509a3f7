"""Team sessions: the case discussion and other exercises done together, from join code to report."""
