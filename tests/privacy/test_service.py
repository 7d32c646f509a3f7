"""The scanner service and its light HTTP client, as `werkboek serve` and the store use them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from werkboek.casebook.privacy import HttpScanner, ScannerUnavailable, get_scanner
from werkboek.casebook.privacy.client import TextTooLong
from werkboek.casebook.privacy.model import ScanResult
from werkboek.casebook.privacy.service import make_server
from werkboek.settings import get_settings

SENTENCE = "Fictief: Leyla (29) woont met haar zoon Ali op de Prinsengracht 210 in Amsterdam. "


def test_the_client_gets_what_the_in_process_scanner_gets(scanner_service, local_scanner):
    client = get_scanner(get_settings(scanner_url=scanner_service))
    assert isinstance(client, HttpScanner)
    mapping = {"Leyla": "[naam 4]"}
    remote = client.scan(SENTENCE, mapping=mapping)
    local = local_scanner.scan(SENTENCE, mapping=mapping)
    assert remote.to_json() == local.to_json()
    assert remote.mapping == local.mapping
    assert remote.suggestion.startswith(
        "Fictief: [naam 4] ([leeftijd]) woont met haar zoon [naam 5]"
    )
    assert remote.blocked  # the street address


def test_the_service_answers_health_and_refuses_oversized_or_broken_requests(scanner_service):
    with urllib.request.urlopen(f"{scanner_service}/health", timeout=5) as response:
        assert json.loads(response.read()) == {"status": "ok"}
    big = json.dumps({"text": "a" * (2 * 1024 * 1024 + 10), "mapping": {}}).encode()
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(
            urllib.request.Request(f"{scanner_service}/scan", data=big), timeout=30
        )
    assert caught.value.code == 413
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(
            urllib.request.Request(f"{scanner_service}/scan", data=b"{niet json"), timeout=5
        )
    assert caught.value.code == 400


def test_a_process_that_uses_the_service_never_loads_deduce(scanner_service):
    code = (
        "import sys\n"
        "from werkboek.casebook.privacy import get_scanner\n"
        "from werkboek.settings import get_settings\n"
        f"r = get_scanner(get_settings(scanner_url={scanner_service!r})).scan('Bel Noor op 06-12345678')\n"
        "assert r.blocked, r\n"
        "print('deduce' in sys.modules, 'docdeid' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_an_unreachable_service_refuses_in_dutch_instead_of_passing_text():
    with pytest.raises(ScannerUnavailable, match="niet bereikbaar"):
        HttpScanner("http://127.0.0.1:9", timeout=2).scan("Noor")


def test_cli_scan_prints_the_json_for_an_argument_and_for_stdin(scanner_service):
    env = {**os.environ, "WERKBOEK_SCANNER_URL": scanner_service}
    command = [sys.executable, "-m", "werkboek.cli", "scan"]
    out = subprocess.run(
        [*command, "Noor belt 06-12345678."],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert json.loads(out.stdout) == {
        "blocked": True,
        "findings": [
            {"kind": "name", "start": 0, "end": 4, "text": "Noor"},
            {"kind": "phone", "start": 10, "end": 21, "text": "06-12345678"},
        ],
        "suggestion": "[naam 1] belt [telefoonnummer].",
    }
    out = subprocess.run(
        [*command, "-"],
        input="Een rustige avond op de groep.",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(out.stdout) == {
        "blocked": False,
        "findings": [],
        "suggestion": "Een rustige avond op de groep.",
    }


def test_a_text_too_long_for_the_service_is_refused_before_sending(scanner_service):
    with pytest.raises(TextTooLong, match="te lang"):
        HttpScanner(scanner_service).scan("Rustige avond. " * 200_000)


class _SlowScanner:
    """Stands in for deduce: takes a while per text and notes who scanned when."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.busy = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def scan(self, text: str, *, mapping=None) -> ScanResult:
        with self._lock:
            self.busy += 1
            self.most_at_once = max(self.most_at_once, self.busy)
            self.order.append(text)
        time.sleep(0.02)
        with self._lock:
            self.busy -= 1
        return ScanResult([], text, dict(mapping or {}))


def test_many_kernels_asking_at_once_are_scanned_one_at_a_time_in_arrival_order():
    slow = _SlowScanner()
    server = make_server(slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        answers: dict[str, str] = {}

        def ask(text: str) -> None:
            answers[text] = HttpScanner(url).scan(text).suggestion

        askers = []
        for n in range(12):  # 5 ms apart: faster than one scan, so they queue up
            askers.append(threading.Thread(target=ask, args=(f"tekst {n}",)))
            askers[-1].start()
            time.sleep(0.005)
        for asker in askers:
            asker.join(timeout=10)
    finally:
        server.shutdown()
        server.server_close()
    assert answers == {f"tekst {n}": f"tekst {n}" for n in range(12)}
    assert slow.most_at_once == 1
    assert slow.order == [f"tekst {n}" for n in range(12)]


def test_the_service_started_for_serve_stops_when_serve_is_killed():
    """`werkboek serve` stopped by SIGKILL (or SIGTERM) cannot stop its scanner: the scanner
    notices by itself and stops, instead of holding its memory on its own."""
    import psutil

    code = ("import time\n"
            "from werkboek.casebook.privacy import start_scanner_service\n"
            "with start_scanner_service(wait_ready=False) as url:\n"
            "    print(url, flush=True)\n"
            "    time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout.readline().startswith("http://127.0.0.1:")
        children = psutil.Process(parent.pid).children()
        assert children
    finally:
        parent.kill()
        parent.wait()
        parent.stdout.close()
    _gone, alive = psutil.wait_procs(children, timeout=20)
    for process in alive:  # do not leave it behind when the test fails
        process.kill()
    assert alive == []
