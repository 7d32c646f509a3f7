"""`werkboek serve` refuses unsafe addresses and configures Voilà with secure defaults."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from werkboek.cli import _register
from werkboek.cli.app import app
from werkboek.serving import ServeOptions, ServeRefused, check_options, voila_argv


def test_non_loopback_address_without_token_is_refused_in_dutch():
    with pytest.raises(ServeRefused, match="toegangssleutel"):
        check_options(ServeOptions(ip="0.0.0.0"))


def test_non_loopback_address_with_token_is_allowed():
    check_options(ServeOptions(ip="0.0.0.0", token="een-lang-geheim-van-de-test"))


@pytest.mark.parametrize("ip", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_need_no_token(ip):
    check_options(ServeOptions(ip=ip))


def test_voila_gets_secure_defaults_and_culls_kernels_of_closed_tabs():
    argv = voila_argv(ServeOptions(port=9999))
    assert "--Voila.ip=127.0.0.1" in argv
    assert "--Voila.port=9999" in argv
    assert "--Voila.port_retries=0" in argv  # a busy port must fail, not move silently
    assert "--VoilaConfiguration.strip_sources=True" in argv
    assert "--VoilaConfiguration.show_tracebacks=False" in argv
    assert "--MappingKernelManager.cull_connected=False" in argv
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in argv)
    assert not any(a.startswith("--token") for a in argv)


def test_missing_start_page_is_refused(tmp_path: Path):
    with pytest.raises(ServeRefused, match="startpagina"):
        check_options(ServeOptions(notebooks_dir=tmp_path))


def test_cli_refuses_public_address_without_token_with_exit_2():
    _register()
    result = CliRunner().invoke(app, ["serve", "--ip", "0.0.0.0", "--no-browser"], env={"WERKBOEK_TOKEN": ""})
    assert result.exit_code == 2
    assert "toegangssleutel" in result.output
