"""`werkboek serve` refuses unsafe addresses, configures Voilà with secure defaults, keeps
preheated kernels only for pages someone asked for (and alive until the visitor they are handed
to has connected; never a dead one), starts its kernels without network ports, makes a missing
casebook, and answers before the privacy scanner has loaded (a save then waits for it)."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from tests.conftest import Clock
from werkboek.cli import _register
from werkboek.cli.app import app
from werkboek.pool_request import MAX_KERNELS, ask_for_kernels
from werkboek.pools import PoolDemand
from werkboek.serving import (
    PAGE_POOLS,
    ServeOptions,
    ServeRefused,
    check_options,
    compile_bytecode,
    prepare_casebook,
    voila_config,
)

ROOT = Path(__file__).resolve().parent.parent


def test_plain_http_off_loopback_is_refused_in_dutch():
    with pytest.raises(ServeRefused, match="gewoon HTTP"):
        check_options(ServeOptions(ip="0.0.0.0"))


def test_off_loopback_needs_a_certificate_and_its_key_or_a_proxy_in_front(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("-----BEGIN CERTIFICATE-----\n")
    key.write_text("-----BEGIN PRIVATE KEY-----\n")
    with pytest.raises(ServeRefused, match="samen"):
        check_options(ServeOptions(ip="0.0.0.0", certfile=cert))
    check_options(ServeOptions(ip="0.0.0.0", certfile=cert, keyfile=key))
    check_options(ServeOptions(ip="0.0.0.0", behind_proxy=True))


@pytest.mark.parametrize("ip", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_need_no_certificate(ip):
    check_options(ServeOptions(ip=ip))


def test_only_loopback_without_a_proxy_is_personal_mode():
    from werkboek.serving import is_personal

    assert is_personal(ServeOptions())
    assert not is_personal(ServeOptions(behind_proxy=True))
    assert not is_personal(ServeOptions(ip="0.0.0.0", behind_proxy=True))


def test_voila_gets_secure_defaults_and_culls_kernels_of_closed_tabs():
    config = voila_config(ServeOptions(port=9999))
    assert config.Voila.ip == "127.0.0.1"
    assert config.Voila.port == 9999
    assert config.Voila.port_retries == 0  # a busy port must fail, not move silently
    assert config.VoilaConfiguration.strip_sources is True
    assert config.VoilaConfiguration.show_tracebacks is False
    assert config.MappingKernelManager.cull_connected is False
    assert config.MappingKernelManager.cull_idle_timeout == 900
    assert "token" not in config.Voila


def test_pages_load_only_the_widget_extensions_they_use():
    allowed = voila_config(ServeOptions()).VoilaConfiguration.extension_allowlist
    assert "anywidget" in allowed and "@jupyter-widgets/jupyterlab-manager" in allowed
    assert "jupyterlab-plotly" not in allowed  # 4.8 MB per page; charts are FigureWidgets


def test_no_pool_is_pinned_by_default_and_the_pool_option_pins_one():
    config = voila_config(ServeOptions(pool_size=1))
    assert PAGE_POOLS == {} and config.PoolHandover.pinned_pools == {}
    assert config.PoolHandover.visited_pool_size == 1
    pinned = voila_config(ServeOptions(page_pools={"Trainer": 0, "Casusbespreking": 3}))
    assert pinned.PoolHandover.pinned_pools == {"Trainer.ipynb": 0, "Casusbespreking.ipynb": 3}


def test_a_pool_follows_its_pages_demand_and_a_pinned_one_does_not():
    clock = Clock(start=1000.0)
    demand = PoolDemand(visited_size=1, pinned={"Trainer.ipynb": 2}, idle_timeout=900,
                        request_hold=3600, clock=clock)
    assert demand.target("Start.ipynb") == 0  # nobody came yet
    assert demand.target("Trainer.ipynb") == 2
    demand.visit("Start.ipynb")
    assert demand.target("Start.ipynb") == 1
    clock.now += 901  # nobody opened the page for the idle period
    assert demand.target("Start.ipynb") == 0
    assert demand.request("Casusbespreking.ipynb", 7, "kernel-a") == 7
    assert demand.request("Casusbespreking.ipynb", 9, "kernel-a") == 9  # replaced, not added
    assert demand.request("Casusbespreking.ipynb", 5, "kernel-b") == 9  # the largest one holds
    assert demand.request("Casusbespreking.ipynb", 1000, "kernel-c") == MAX_KERNELS == 30
    demand.forget_kernels(lambda kernel: kernel != "kernel-c")  # its tab closed
    assert demand.target("Casusbespreking.ipynb") == 9
    assert demand.request("Casusbespreking.ipynb", 0, "kernel-a") == 5  # one session closed
    clock.now += 3601
    assert demand.target("Casusbespreking.ipynb") == 0  # requests lapse
    demand.visit("Casusbespreking.ipynb")
    demand.request("Casusbespreking.ipynb", 8, "kernel-e")
    assert demand.request("Casusbespreking.ipynb", 0, "kernel-e") == 0  # the last one: all gone
    assert demand.request("Trainer.ipynb", 20, "kernel-d") == 2


def test_pool_option_names_a_page_and_a_number_or_is_refused_in_dutch():
    _register()
    unknown = CliRunner().invoke(app, ["serve", "--pool", "Bestaatniet=4", "--no-browser"])
    assert unknown.exit_code == 2 and "geen pagina Bestaatniet" in unknown.output
    wrong = CliRunner().invoke(app, ["serve", "--pool", "Casusbespreking=veel", "--no-browser"])
    assert wrong.exit_code == 2 and "PAGINA=AANTAL" in wrong.output


def test_every_serve_option_is_documented_in_the_readme():
    _register()
    readme = (ROOT / "README.md").read_text()
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    options = set(re.findall(r"--[a-z][a-z-]+", result.output)) - {"--help"}
    assert options, result.output
    assert sorted(o for o in options if f"`{o}" not in readme and f" {o}" not in readme) == []


def test_missing_start_page_is_refused(tmp_path: Path):
    with pytest.raises(ServeRefused, match="startpagina"):
        check_options(ServeOptions(notebooks_dir=tmp_path))


def test_cli_refuses_plain_http_on_a_public_address_with_exit_2():
    _register()
    result = CliRunner().invoke(app, ["serve", "--ip", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "HTTPS" in result.output


TRIVIAL_PAGE = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "trivial", "metadata": {},
               "outputs": [], "source": ["import ipywidgets\n", "ipywidgets.Button()"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:  # not listening yet
        return 0, ""


@contextmanager
def serving_trivial_page(tmp_path: Path, env: dict | None = None,
                         **options) -> Iterator[tuple[str, int]]:
    """`werkboek serve` (the function, with ``options``, ``env`` added to its environment) on a
    trivial start page; yields its base URL and process id once it answers, and stops it
    afterwards."""
    (tmp_path / "Start.ipynb").write_text(json.dumps(TRIVIAL_PAGE))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    options = {"port": port, "notebooks_dir": str(tmp_path), "page_pools": {}, **options}
    serve = ("import json, sys; from werkboek.serving import ServeOptions, serve; "
             "serve(ServeOptions(**json.loads(sys.argv[1])))")
    env = {**os.environ, "WERKBOEK_DATABASE_URL": f"sqlite:///{tmp_path / 'casebook.sqlite'}",
           "WERKBOEK_SCANNER_URL": "http://127.0.0.1:9/", **(env or {})}  # the page scans nothing
    server = subprocess.Popen([sys.executable, "-c", serve, json.dumps(options)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while _get(base + "health")[0] != 200:
            assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.3)
        yield base, server.pid
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


def _kernel_processes(server_pid: int) -> list[psutil.Process]:
    """The page kernels `werkboek serve` started (and still run)."""
    kernels = []
    for process in psutil.Process(server_pid).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(process.cmdline()):
                kernels.append(process)
        except psutil.Error:  # stopped meanwhile
            continue
    return kernels


@pytest.mark.slow
def test_a_preheated_kernel_idle_longer_than_the_cull_timeout_survives_its_handover(tmp_path):
    """A kernel that waited in the pool longer than the cull timeout is handed to a visitor:
    it must still run when the visitor's browser connects (else "Loading widget..." forever)."""
    with serving_trivial_page(tmp_path, page_pools={"Start": 1}, cull_idle_timeout=6,
                              cull_interval=1) as (base, _):
        time.sleep(10)  # the pool kernel is now idle for longer than the cull timeout
        status, html = _get(base + "voila/render/Start.ipynb")
        assert status == 200
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1)
        time.sleep(3)  # three culling rounds, as long as a slow phone takes to load the page
        assert _get(f"{base}api/kernels/{kernel_id}")[0] == 200


@pytest.mark.slow
@pytest.mark.parametrize("options", [{"preheat": False}, {"page_pools": {"Start": 2}}],
                         ids=["started-for-the-visit", "taken-from-the-pool"])
def test_a_page_that_never_reached_a_browser_gives_its_kernel_back_soon(tmp_path, options):
    """A tab closed while its page was still loading sends no shutdown: its kernel stops once
    it has idled ``unconnected_timeout`` seconds, not after the 15-minute idle cull. A kernel
    whose browser connected stays (a phone with a locked screen keeps its page)."""
    from websockets.sync.client import connect

    with serving_trivial_page(tmp_path, unconnected_timeout=3, cull_interval=1,
                              **options) as (base, server_pid):
        kernels = []
        for _visit in range(2):
            status, html = _get(base + "voila/render/Start.ipynb")
            assert status == 200
            kernels.append(re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1))
        abandoned, opened = kernels
        ws_base = base.replace("http://", "ws://")
        with connect(f"{ws_base}api/kernels/{opened}/channels?session_id=t", open_timeout=30):
            def running() -> set[str]:
                return {_kernel_id_of(p) for p in _kernel_processes(server_pid)}

            assert {abandoned, opened} <= running()
            _wait_for(lambda: abandoned not in running(), seconds=30,
                      what="the kernel of the page that never reached a browser to stop")
            time.sleep(3)  # as long again: the connected one is past the timeout too
            assert opened in running()


@pytest.mark.slow
def test_page_kernels_talk_to_the_server_over_socket_files_not_network_ports(tmp_path):
    """On TCP the server picks five free ports per kernel and the kernel binds them later; with a
    whole pool starting at once another process could take one in between, and that kernel died
    ("Address already in use") while Voilà still handed it to a visitor, whose page stayed empty.
    Socket files named after the kernel cannot be taken."""
    with serving_trivial_page(tmp_path, page_pools={"Start": 2}) as (base, server_pid):
        _wait_for(lambda: len(_kernel_processes(server_pid)) >= 2, what="the pool")
        time.sleep(3)  # the pool's kernels start one after the other: let the last one bind
        status, _ = _get(base + "voila/render/Start.ipynb")  # one kernel handed over
        assert status == 200
        kernels = _kernel_processes(server_pid)
        assert len(kernels) >= 2
        for process in kernels:
            connection = json.loads(Path(process.cmdline()[-1]).read_text())
            assert connection["transport"] == "ipc"
            listening = {conn.laddr for conn in process.net_connections(kind="unix")}
            assert {f"{connection['ip']}-{connection[channel]}" for channel in
                    ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
                    } <= listening
            # ipykernel binds its debugger's socket itself (no race); nothing else is on TCP
            assert [conn for conn in process.net_connections(kind="inet")
                    if conn.status != psutil.CONN_LISTEN] == []


def _wait_for(condition, seconds: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s in vain for {what}"
        time.sleep(0.3)


def _kernel_id_of(process: psutil.Process) -> str:
    return re.search(r"kernel-([0-9a-f-]+)\.json", " ".join(process.cmdline())).group(1)


def _post(url: str, body: dict, secret: str | None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {}


@pytest.mark.slow
def test_nothing_is_preheated_at_start_and_a_visited_page_fills_its_pool(tmp_path):
    casebook = tmp_path / "nieuw" / "casebook.sqlite"
    with serving_trivial_page(tmp_path, pool_refill_delay=1,
                              env={"WERKBOEK_DATABASE_URL": f"sqlite:///{casebook}"}
                              ) as (base, server_pid):
        assert casebook.is_file()  # serve made the casebook that did not exist yet
        time.sleep(3)
        assert _kernel_processes(server_pid) == []  # nobody came: no kernel waits
        status, html = _get(base + "voila/render/Start.ipynb")
        assert status == 200
        visitor = re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1)
        _wait_for(lambda: len(_kernel_processes(server_pid)) == 2, what="the refill")
        pooled = [k for k in _kernel_processes(server_pid) if _kernel_id_of(k) != visitor]
        assert len(pooled) == 1
        # the next visitor gets the preheated kernel
        status, html = _get(base + "voila/render/Start.ipynb")
        assert re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1) == _kernel_id_of(pooled[0])


@pytest.mark.slow
def test_a_page_kernel_can_grow_its_pages_pool_only_with_the_secret_and_only_so_far(tmp_path):
    with serving_trivial_page(tmp_path, pool_refill_delay=300) as (base, server_pid):
        assert _get(base + "voila/render/Start.ipynb")[0] == 200
        _wait_for(lambda: _kernel_processes(server_pid), what="the visitor's kernel")
        # werkboek serve hands its page kernels the door's address and secret, and only them
        asking = _kernel_processes(server_pid)[0]  # as the page in this kernel would ask
        kernel, kernel_env = _kernel_id_of(asking), asking.environ()
        door, secret = kernel_env["WERKBOEK_POOL_URL"], kernel_env["WERKBOEK_POOL_SECRET"]
        assert door.startswith("http://127.0.0.1:") and len(secret) >= 32
        assert secret not in _get(base + "voila/render/Start.ipynb")[1]
        assert _post(f"{door}/Start", {"size": 2}, None)[0] == 403
        assert _post(f"{door}/Start", {"size": 2}, "geraden-geheim")[0] == 403
        assert _post(f"{door}/Bestaatniet", {"size": 2}, secret)[0] == 404
        assert _post(f"{door}/Start", {"size": -1}, secret)[0] == 400
        before = len(_kernel_processes(server_pid))
        assert _post(f"{door}/Start", {"size": 10_000, "kernel": kernel}, secret) == (
            200, {"page": "Start", "size": MAX_KERNELS})
        with pytest.MonkeyPatch.context() as patch:  # as werkboek.pool_request asks from a page
            for name, value in (("WERKBOEK_POOL_URL", door), ("WERKBOEK_POOL_SECRET", secret),
                                ("VOILA_KERNEL_ID", kernel)):
                patch.setenv(name, value)
            assert ask_for_kernels("Start", 2, wait=True) == 2
        _wait_for(lambda: len(_kernel_processes(server_pid)) >= before + 2, what="the growth")
        time.sleep(5)  # one at a time, and no more than asked
        assert len(_kernel_processes(server_pid)) == before + 2
        assert _post(f"{door}/Start", {"size": 0, "kernel": kernel}, secret) == (
            200, {"page": "Start", "size": 0})  # given back: the page's pool empties
        _wait_for(lambda: len(_kernel_processes(server_pid)) == before, seconds=30,
                  what="the pool to shrink")


@pytest.mark.slow
def test_a_pooled_kernel_that_died_is_not_handed_out_but_replaced(tmp_path):
    with serving_trivial_page(tmp_path, page_pools={"Start": 1}) as (base, server_pid):
        _wait_for(lambda: len(_kernel_processes(server_pid)) == 1, what="the pool")
        time.sleep(3)  # the pooled kernel has run its page and waits for a visitor
        (pooled,) = _kernel_processes(server_pid)
        dead = _kernel_id_of(pooled)
        pooled.kill()
        pooled.wait(timeout=10)
        status, html = _get(base + "voila/render/Start.ipynb")
        assert status == 200
        handed = re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1)
        assert handed != dead
        assert handed in {_kernel_id_of(k) for k in _kernel_processes(server_pid)}
        # and the pool has a live kernel again
        _wait_for(lambda: len(_kernel_processes(server_pid)) == 2, what="the replacement")


def _page_text(widget) -> str:
    parts = [widget.value] if isinstance(getattr(widget, "value", None), str) else []
    return "".join(parts + [_page_text(child) for child in getattr(widget, "children", ())])


def test_serve_makes_a_missing_casebook_and_no_page_shows_where_it_lives(tmp_path, monkeypatch,
                                                                         sign_in):
    from werkboek.casebook import open_casebook
    from werkboek.casebook.store import forget_checks
    from werkboek.ui import shell
    from werkboek.ui.pages import start

    missing = tmp_path / "geheime-map" / "casebook.sqlite"
    monkeypatch.setenv("WERKBOEK_DATABASE_URL", f"sqlite:///{missing}")
    monkeypatch.setenv("WERKBOEK_CASEBOOK_DIR", str(tmp_path / "geheime-map"))
    sign_in.local()  # the laptop's owner: the start page reads their open actions
    shown = _page_text(shell.build_page(start.build))  # a page before the casebook exists
    assert "Er is nog geen casebook" in shown
    assert "geheime-map" not in shown and "casebook.sqlite" not in shown
    assert "Nieuw casebook aangemaakt" in prepare_casebook()
    assert missing.is_file()
    assert prepare_casebook() is None  # there now: left alone
    forget_checks()
    open_casebook()  # the pages can open it
    shown = _page_text(shell.build_page(start.build))
    assert "Er is nog geen casebook" not in shown and "geheime-map" not in shown


class _SlowToLoad:
    """Stands in for deduce: loads once ``loaded`` is set (by the test, when it chooses), then
    finds nothing."""

    def __init__(self) -> None:
        self.loaded = threading.Event()

    def warm(self) -> None:
        self.loaded.wait(timeout=60)

    def scan(self, text: str, *, mapping=None):
        from werkboek.casebook.privacy.model import ScanResult

        return ScanResult([], text, dict(mapping or {}))


def test_a_save_before_the_scanner_has_loaded_waits_for_it_and_the_page_says_so(tmp_path):
    from werkboek.casebook import open_casebook
    from werkboek.casebook.privacy.service import make_server
    from werkboek.settings import get_settings
    from werkboek.ui import guard, shell

    url = f"sqlite:///{tmp_path / 'casebook.sqlite'}"
    ready = make_server(_SlowToLoad())  # for setting up the team
    slow = _SlowToLoad()
    loading = make_server(slow, load=True)  # as `werkboek serve` starts it
    for server in (ready, loading):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        def casebook(server):
            scanner = f"http://127.0.0.1:{server.server_address[1]}"
            return open_casebook(url, upgrade=True, settings=get_settings(
                casebook_dir=tmp_path, scanner_url=scanner))

        setup = casebook(ready)
        member = setup.join_team(setup.create_team("Team Wacht (fictief)").id, "GW-1",
                                 "groepswerker")
        frame = shell.PageFrame(lambda: None)  # the page whose message area shows the line
        lines: list[str] = []
        frame.alert.widget.observe(lambda change: lines.append(change["new"]), names="value")
        guard.install_scanner_notice()
        cb = casebook(loading)
        started = time.monotonic()
        # deduce "loads" a second after the save began, however long the set-up took
        threading.Timer(1.0, slow.loaded.set).start()
        saved = cb.save_entry(cb.viewer_for(member.id), kind="reflectie",
                              text="Rustige nacht op de groep.", final=True)
        waited = time.monotonic() - started
    finally:
        for server in (ready, loading):
            server.shutdown()
            server.server_close()
    assert waited >= 1.0  # it waited for the scanner, and did not fail
    assert saved.text == "Rustige nacht op de groep."
    assert [e.text for e in setup.entries(setup.viewer_for(member.id))] == [saved.text]
    assert any(guard.SCANNER_LOADING in line for line in lines)  # shown while it waited
    assert lines[-1] == ""  # and gone once it was saved


def test_serving_leaves_bytecode_for_the_page_kernels_even_when_python_writes_none(tmp_path):
    """Every page kernel imports werkboek; with PYTHONDONTWRITEBYTECODE it would compile each
    module from source on every visit unless `werkboek serve` wrote the bytecode first."""
    package = tmp_path / "pakket"
    (package / "deel").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "deel" / "__init__.py").write_text("WAARDE = 1\n")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "import pakket.deel"], env=env, check=True)
    assert not list(package.rglob("*.pyc"))
    assert compile_bytecode(package)
    assert len(list(package.rglob("*.pyc"))) == 2
    verbose = subprocess.run([sys.executable, "-v", "-c", "import pakket.deel"], env=env,
                             capture_output=True, text=True, check=True).stderr
    assert "matches" in verbose and "code object from" in verbose  # loaded from the bytecode
