"""`werkboek serve` refuses unsafe addresses, configures Voilà with secure defaults, keeps
preheated kernels alive until the visitor they are handed to has connected, and starts its
kernels without network ports."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from werkboek.cli import _register
from werkboek.cli.app import app
from werkboek.serving import (
    PAGE_POOLS,
    ServeOptions,
    ServeRefused,
    check_options,
    compile_bytecode,
    voila_config,
)

ROOT = Path(__file__).resolve().parent.parent


def test_non_loopback_address_over_plain_http_is_refused_in_dutch():
    with pytest.raises(ServeRefused, match="via gewoon HTTP") as refused:
        check_options(ServeOptions(ip="0.0.0.0"))
    assert "--certfile" in str(refused.value) and "--behind-proxy" in str(refused.value)


def test_non_loopback_address_with_https_or_behind_a_proxy_is_allowed(tmp_path):
    certfile, keyfile = tmp_path / "cert.pem", tmp_path / "key.pem"
    certfile.write_text("fictief")
    keyfile.write_text("fictief")
    check_options(ServeOptions(ip="0.0.0.0", certfile=certfile, keyfile=keyfile))
    check_options(ServeOptions(ip="0.0.0.0", behind_proxy=True))


def test_a_certificate_needs_its_key_and_both_must_exist(tmp_path):
    certfile = tmp_path / "cert.pem"
    certfile.write_text("fictief")
    with pytest.raises(ServeRefused, match="samen op"):
        check_options(ServeOptions(certfile=certfile))
    with pytest.raises(ServeRefused, match="bestaat niet"):
        check_options(ServeOptions(certfile=certfile, keyfile=tmp_path / "weg.pem"))


def test_only_loopback_without_a_proxy_lets_the_personal_pages_open_without_sign_in():
    from werkboek.serving import is_personal

    assert is_personal(ServeOptions())
    assert not is_personal(ServeOptions(behind_proxy=True))
    assert not is_personal(ServeOptions(ip="0.0.0.0", behind_proxy=True))


@pytest.mark.parametrize("ip", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_need_no_token(ip):
    check_options(ServeOptions(ip=ip))


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
    # the gate's signed principal reaches the page kernel, as HTTP_X_WERKBOEK_PRINCIPAL
    assert config.VoilaConfiguration.http_header_envs == ["X-Werkboek-Principal"]


def test_pages_load_only_the_widget_extensions_they_use():
    allowed = voila_config(ServeOptions()).VoilaConfiguration.extension_allowlist
    assert "anywidget" in allowed and "@jupyter-widgets/jupyterlab-manager" in allowed
    assert "jupyterlab-plotly" not in allowed  # 4.8 MB per page; charts are FigureWidgets


def test_the_session_page_keeps_more_kernels_ready_than_other_pages():
    pools = voila_config(ServeOptions(pool_size=1)).VoilaKernelManager.kernel_pools_config
    assert pools["default"] == {"pool_size": 1}
    assert pools["Casusbespreking.ipynb"]["pool_size"] == PAGE_POOLS["Casusbespreking"] > 1
    own = voila_config(ServeOptions(page_pools={"Trainer": 0})).VoilaKernelManager
    assert own.kernel_pools_config["Trainer.ipynb"] == {"pool_size": 0}


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


def test_cli_refuses_public_address_over_plain_http_with_exit_2():
    _register()
    result = CliRunner().invoke(app, ["serve", "--ip", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "via gewoon HTTP" in result.output


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
def serving_trivial_page(tmp_path: Path, **options) -> Iterator[tuple[str, int]]:
    """`werkboek serve` (the function, with ``options``) on a trivial start page; yields its
    base URL and process id once it answers, and stops it afterwards."""
    (tmp_path / "Start.ipynb").write_text(json.dumps(TRIVIAL_PAGE))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    options = {"port": port, "notebooks_dir": str(tmp_path), "page_pools": {}, **options}
    serve = ("import json, sys; from werkboek.serving import ServeOptions, serve; "
             "serve(ServeOptions(**json.loads(sys.argv[1])))")
    env = {**os.environ, "WERKBOEK_SCANNER_URL": "http://127.0.0.1:9/"}  # the page scans nothing
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
    """The page kernels `werkboek serve` started."""
    return [process for process in psutil.Process(server_pid).children(recursive=True)
            if "ipykernel_launcher" in " ".join(process.cmdline())]


@pytest.mark.slow
def test_a_preheated_kernel_idle_longer_than_the_cull_timeout_survives_its_handover(tmp_path):
    """A kernel that waited in the pool longer than the cull timeout is handed to a visitor:
    it must still run when the visitor's browser connects (else "Loading widget..." forever)."""
    with serving_trivial_page(tmp_path, cull_idle_timeout=6, cull_interval=1) as (base, _):
        time.sleep(10)  # the pool kernel is now idle for longer than the cull timeout
        status, html = _get(base + "voila/render/Start.ipynb")
        assert status == 200
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', html).group(1)
        time.sleep(3)  # three culling rounds, as long as a slow phone takes to load the page
        assert _get(f"{base}api/kernels/{kernel_id}")[0] == 200


@pytest.mark.slow
def test_page_kernels_talk_to_the_server_over_socket_files_not_network_ports(tmp_path):
    """On TCP the server picks five free ports per kernel and the kernel binds them later; with a
    whole pool starting at once another process could take one in between, and that kernel died
    ("Address already in use") while Voilà still handed it to a visitor, whose page stayed empty.
    Socket files named after the kernel cannot be taken."""
    with serving_trivial_page(tmp_path, pool_size=2) as (base, server_pid):
        status, _ = _get(base + "voila/render/Start.ipynb")  # one kernel handed over, one refill
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
