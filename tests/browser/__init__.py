"""Browser tests: one package, so its server and browser stop when its last test is done."""
