"""Signing in: the argon2id check of a passphrase, and that a wrong name costs what a wrong
passphrase does (so answer times do not tell which pseudonyms exist).

Baseline in the same run: one SHA-256 of the token, what every later request of a signed-in
browser costs instead of the passphrase check. Target: the check takes 50–250 ms here.

    .venv/bin/python -m benchmarks.signin [--runs 15]
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time

from benchmarks.common import record, summary

TARGET_S = (0.050, 0.250)
PASSPHRASE = "een lange fictieve wachtzin"


def timed(action, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return summary(samples)


def run(runs: int) -> dict:
    from werkboek.casebook import open_casebook, passphrases, schema
    from werkboek.casebook.accounts import SignInFailed
    from werkboek.settings import get_settings

    folder = tempfile.mkdtemp(prefix="wb-signin-")
    cb = open_casebook(f"sqlite:///{folder}/c.sqlite", upgrade=True,
                       settings=get_settings(casebook_dir=folder))
    stored = passphrases.hash_passphrase(PASSPHRASE)
    with cb._write() as conn:  # SETUP: one account with a passphrase (no scanner needed)
        conn.execute(schema.accounts.insert().values(
            name="GW-bench", name_key="gw-bench", passphrase_hash=stored,
            created_at=schema.utcnow()))

    def wrong(name: str):
        def attempt() -> None:
            with contextlib.suppress(SignInFailed):
                cb.sign_in(name, "niet de goede wachtzin")
        return attempt

    results = {
        "runs": runs,
        "parameters": {"time_cost": passphrases.TIME_COST,
                       "memory_kib": passphrases.MEMORY_COST_KIB,
                       "parallelism": passphrases.PARALLELISM},
        "target_s": list(TARGET_S),
        "hash": timed(lambda: passphrases.hash_passphrase(PASSPHRASE), runs),
        "check": timed(lambda: passphrases.matches(stored, PASSPHRASE), runs),
        "wrong_passphrase_sign_in": timed(wrong("GW-bench"), runs),
        "wrong_name_sign_in": timed(wrong("bestaat-niet"), runs),
        "baseline_token_digest": timed(lambda: passphrases.digest("x" * 43), runs),
    }
    median = results["check"]["median"]
    results["holds"] = TARGET_S[0] <= median <= TARGET_S[1]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    record("signin", run(args.runs))


if __name__ == "__main__":
    main()
