"""A light scanner that asks the scanner service over HTTP (stdlib only, no deduce)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from werkboek.casebook.privacy.model import ScanResult

MAX_BODY = 2 * 1024 * 1024  # bytes of JSON the service accepts


class ScannerUnavailable(RuntimeError):
    """The scanner service did not answer; nothing may be stored unscanned."""

    def __init__(self, url: str, reason: object):
        super().__init__(
            f"De privacycontrole is niet bereikbaar ({url}), dus er is niets opgeslagen. "
            f"Probeer het zo opnieuw of vraag de beheerder de server te herstarten. ({reason})"
        )


class TextTooLong(ValueError):
    """The text is larger than the scanner service accepts."""

    def __init__(self) -> None:
        super().__init__("Deze tekst is te lang om te controleren. Splits hem in kleinere delen.")


class HttpScanner:
    def __init__(self, url: str, timeout: float = 30.0):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def scan(self, text: str, *, mapping: dict[str, str] | None = None) -> ScanResult:
        body = json.dumps({"text": text, "mapping": mapping or {}}).encode("utf-8")
        if len(body) > MAX_BODY:
            raise TextTooLong()
        request = urllib.request.Request(
            f"{self.url}/scan",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return ScanResult.from_json(json.loads(response.read()))
        except urllib.error.HTTPError as exc:
            if exc.code == 413:
                raise TextTooLong() from exc
            raise ScannerUnavailable(self.url, exc) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise ScannerUnavailable(self.url, exc) from exc
