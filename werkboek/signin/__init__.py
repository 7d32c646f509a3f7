"""Signing in to werkboek's server: who a visitor is, proven by the server and never typed in a page.

``gate`` decides per request (mode, Host, signed-in browser, kernel owner); ``handlers`` serve the
sign-in, invite, sign-out and devices pages; ``throttle`` slows down guessing; ``html`` holds their
Dutch pages. Pages get the result only as a signed grant (``werkboek.casebook.grants``).
"""
