"""A built wheel, installed (not editable) in a fresh virtual environment, works anywhere.

The wheel must carry the curated data and the seed articles inside the package, so
`uneventtui` works from any directory. The fresh environment borrows the test
environment's dependencies through a .pth file (no download); uneventtui itself comes
only from the wheel, which the test checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import needs
import pytest

from uneventtui import __version__, load

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [needs.wheel_build, pytest.mark.slow]


def sh(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )
    assert result.returncode == 0, f"{argv}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, the venv's bin directory, a clean environment, an unrelated directory)."""
    tmp = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp / "dist"]
    sh(*build, ROOT, cwd=tmp, env=env)
    (wheel,) = (tmp / "dist").glob("uneventtui-*.whl")
    venv = tmp / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp, env=env)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q"]
    sh(*pip, "--no-deps", "--no-index", wheel, cwd=tmp, env=env)
    # The dependencies (textual, rich, ...) from the environment running the tests.
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(sh(python, "-c", purelib, cwd=tmp, env=env).strip())
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    workdir = tmp / "elsewhere"
    workdir.mkdir()
    return wheel, venv / "bin", env, workdir


def test_wheel_carries_the_data_and_the_seeds(installed):
    wheel, *_ = installed
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n for n in names if n.startswith("uneventtui/_shipped/")}
    data = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.toml"))
    seeds = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "seeds").glob("*.txt"))
    assert {f"uneventtui/_shipped/{p}" for p in [*data, *seeds]} <= shipped
    assert not any(n.startswith("tests/") for n in names)


def test_installed_command_runs_from_anywhere(installed):
    _wheel, bin_dir, env, workdir = installed
    uneventtui = bin_dir / "uneventtui"
    # uneventtui comes from the wheel, not from the checkout or the test environment.
    where = sh(
        bin_dir / "python",
        "-c",
        "import uneventtui; print(uneventtui.__file__)",
        cwd=workdir,
        env=env,
    )
    assert Path(where.strip()).is_relative_to(bin_dir.parent)

    assert sh(uneventtui, "--version", cwd=workdir, env=env).strip() == f"uneventtui {__version__}"

    checked = sh(uneventtui, "check", cwd=workdir, env=env)
    assert "OK:" in checked
    assert "_shipped" in checked  # the data inside the installed package

    events = json.loads(sh(uneventtui, "events", "--json", cwd=workdir, env=env))
    assert [e["id"] for e in events] == [e.id for e in load(ROOT / "data").events]
    # Copenhagen, March 1995, opens the timeline (NGO Forum '95 began three days before the Summit).
    assert events[0]["start"].startswith("1995-03")
    assert any(e["id"] == "1995-03-wssd-copenhagen" and e["start"] == "1995-03-06" for e in events)
