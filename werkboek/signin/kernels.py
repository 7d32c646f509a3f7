"""Kernels belong to a visitor: the kernel manager records whose visit each kernel serves, and the
kernel routes (websocket, API, shutdown beacon) answer only that visitor.

A kernel started for a visit is claimed from the grant in its environment; a preheated one when
the pool hands it to a visitor (``VISITOR``, set by the page handler for the request it serves).
Voilà's request-info socket, which a preheated kernel reads its visitor from, answers only a
kernel that shows the server's page secret.
"""

from __future__ import annotations

import hmac
import inspect
import os
from contextvars import ContextVar

import tornado.web

from werkboek.casebook import grants
from werkboek.casebook.records import Principal
from werkboek.signin.gate import NOT_YOUR_PAGE

VISITOR: ContextVar[Principal | None] = ContextVar("werkboek_visitor", default=None)


class KernelOwners:
    """Mixed into the kernel manager: claims kernels for visitors in the gate."""

    @property
    def _gate(self):
        return getattr(self.parent, "werkboek_gate", None)

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await super().start_kernel(*args, **kwargs)
        grant = (kwargs.get("env") or {}).get(grants.HEADER_ENV)
        if grant:  # started for a visit (a pooled kernel gets its visitor at the handover)
            self.expect_browser(kernel_id)  # werkboek.unconnected_kernels
            if self._gate is not None:
                self._gate.claim(kernel_id, grants.redeem(grant))
        return kernel_id

    def claim_for_visitor(self, kernel_id: str) -> None:
        self.expect_browser(kernel_id)
        visitor = VISITOR.get()
        if visitor is not None and self._gate is not None:
            self._gate.claim(kernel_id, visitor)

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        if self._gate is not None:
            self._gate.forget(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)


def owned(handler_class: type) -> type:
    """``handler_class`` (a kernel route) refusing everyone but the kernel's visitor."""

    class Owned(handler_class):
        async def prepare(self, *args, **kwargs):
            gate = self.settings["werkboek_gate"]
            kernel_id = self.path_kwargs.get("kernel_id") or next(iter(self.path_args), "")
            principal = await gate.principal_of(self)
            if not gate.may_use_kernel(kernel_id, principal):
                raise tornado.web.HTTPError(403, NOT_YOUR_PAGE)
            result = super().prepare(*args, **kwargs)
            if inspect.isawaitable(result):
                await result

    Owned.__name__ = f"Owned{handler_class.__name__}"
    return Owned


def kernel_only(handler_class: type) -> type:
    """Voilà's request-info socket, for the server's own kernels only (they hold the secret)."""

    class KernelOnly(handler_class):
        def prepare(self, *args, **kwargs):
            sent = self.request.headers.get(grants.KERNEL_HEADER, "")
            if not sent or not hmac.compare_digest(sent, os.environ.get(grants.SECRET_ENV, "")):
                raise tornado.web.HTTPError(403)
            return super().prepare(*args, **kwargs)

    KernelOnly.__name__ = f"KernelOnly{handler_class.__name__}"
    return KernelOnly
