"""environment.yml (the conda route) lists exactly the dependencies of pyproject.toml."""

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def pyproject_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = set(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pins.update(extra)
    return pins


def conda_pip_requirements() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return {line for line in pip_section if not line.startswith("-e")}


def test_environment_yml_lists_the_same_pins_as_pyproject():
    assert conda_pip_requirements() == pyproject_requirements()


def test_every_dependency_is_pinned_exactly():
    unpinned = [req for req in pyproject_requirements() if "==" not in req]
    assert unpinned == []


def test_conda_python_satisfies_requires_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert python == "python=3.11"
