"""How the server hands a page kernel the principal it proved: a short, signed grant.

The server signs ``{login, local, until}`` with a secret only it and its kernels hold
(``WERKBOEK_PAGE_SECRET``, made by `werkboek serve`) and sets it as a request header the page
cannot choose (the server overwrites whatever a browser sent). The kernel reads it from its
request environment and opens it here; a grant that is unsigned, altered or expired gives an
anonymous principal. A grant only names a signed-in browser: once that sign-in ends, the store
refuses the viewer made from it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time

from werkboek.casebook.records import Principal

SECRET_ENV = "WERKBOEK_PAGE_SECRET"
HEADER = "X-Werkboek-Principal"
HEADER_ENV = "HTTP_X_WERKBOEK_PRINCIPAL"  # how Voilà names the header in a kernel's environment
KERNEL_HEADER = "X-Werkboek-Kernel"  # a page kernel shows the secret here to read its visitor
GRANT_SECONDS = 24 * 3600  # a preheated kernel may be handed out long after it was made


def ensure_secret() -> str:
    """The page secret of this server (made once per server, inherited by its kernels)."""
    if not os.environ.get(SECRET_ENV):
        os.environ[SECRET_ENV] = secrets.token_urlsafe(32)
    return os.environ[SECRET_ENV]


def _sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def issue(principal: Principal, secret: str | None = None) -> str:
    secret = secret or ensure_secret()
    body = json.dumps({"login": principal.login_id, "local": principal.local,
                       "guest": principal.guest,
                       "until": int(time.time()) + GRANT_SECONDS}).encode()
    return f"{base64.urlsafe_b64encode(body).decode()}.{_sign(secret, body)}"


def redeem(grant: str | None, secret: str | None = None) -> Principal:
    """The principal in ``grant``; anonymous when it is missing, forged or expired."""
    secret = secret if secret is not None else os.environ.get(SECRET_ENV, "")
    if not grant or not secret or "." not in grant:
        return Principal()
    encoded, signature = grant.rsplit(".", 1)
    try:
        body = base64.urlsafe_b64decode(encoded.encode())
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return Principal()
    if not hmac.compare_digest(signature, _sign(secret, body)) or data.get("until", 0) < time.time():
        return Principal()
    login, guest = data.get("login"), data.get("guest")
    return Principal(login_id=login if isinstance(login, int) else None,
                     local=data.get("local") is True,
                     guest=guest if isinstance(guest, str) and guest else None)


def from_environment() -> Principal:
    """The principal of this page kernel's visit (after a preheated kernel got its visitor)."""
    return redeem(os.environ.get(HEADER_ENV))
