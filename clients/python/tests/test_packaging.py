"""pip installs the package from its directory with no package index, in a fresh venv."""

import json
import os
import subprocess
import sys
import venv

import pytest

from conftest import CLIENT_DIR


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("venv")
    # --system-site-packages: the venv sees the system's websockets (Debian python3-websockets).
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(str(target))
    python = str(target / "bin" / "python")
    done = subprocess.run([python, "-m", "pip", "install", "--no-index", "--quiet", CLIENT_DIR],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return target


def test_the_package_and_its_command_are_installed(installed, sandbox):
    python = str(installed / "bin" / "python")
    where = subprocess.run([python, "-c", "import flowsocket, sys; print(flowsocket.__file__)"],
                           capture_output=True, text=True, cwd=str(installed), timeout=30)
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr
    done = subprocess.run([str(installed / "bin" / "flowsocket"), "--url", sandbox.url, "hello"],
                          capture_output=True, text=True, cwd=str(installed), timeout=30)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["protocol"] == "flowsocket.v1"


def test_the_metadata(installed):
    python = str(installed / "bin" / "python")
    show = subprocess.run([python, "-m", "pip", "show", "flowsocket"], capture_output=True,
                          text=True, timeout=60).stdout
    assert "Version: 1.0.0" in show and "Requires: websockets" in show
