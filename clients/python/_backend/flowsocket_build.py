"""A minimal PEP 517 build backend for the flowsocket package.

It builds a pure-Python wheel (and an sdist) from the files in this directory
with the standard library alone, so installing needs no setuptools from a
package index. The project metadata is read from pyproject.toml's [project]
table, the single place it is written.
"""

import base64
import hashlib
import io
import os
import tarfile
import zipfile

try:
    import tomllib
except ImportError:  # Python < 3.11: the metadata is read with a small parser
    tomllib = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "flowsocket"
WHEEL_TAG = "py3-none-any"


def _project():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        data = f.read()
    if tomllib is not None:
        return tomllib.loads(data.decode("utf-8"))["project"]
    return _parse_project(data.decode("utf-8"))


def _parse_project(text):
    """Reads the [project] and [project.scripts] tables as this file writes them
    (strings, string lists, one-line inline tables of strings)."""
    import ast
    import re
    project, table = {}, None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            table = line.strip("[]")
            continue
        key, _, value = (part.strip() for part in line.partition("="))
        if value.startswith("{"):
            value = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', value))
        else:
            value = ast.literal_eval(value)
        if table == "project":
            project[key] = value
        elif table == "project.scripts":
            project.setdefault("scripts", {})[key] = value
    return project


def _metadata(project):
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + project["name"],
        "Version: " + project["version"],
        "Summary: " + project["description"],
        "License: " + project.get("license", {}).get("text", ""),
        "Requires-Python: " + project["requires-python"],
    ]
    lines += ["Requires-Dist: " + dep for dep in project.get("dependencies", [])]
    readme = os.path.join(ROOT, project.get("readme", "README.md"))
    body = ""
    if os.path.exists(readme):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme, encoding="utf-8") as f:
            body = f.read()
    return "\n".join(lines) + "\n\n" + body


def _dist_name(project):
    return "%s-%s" % (project["name"].replace("-", "_"), project["version"])


def _package_files():
    for directory, dirs, files in os.walk(os.path.join(ROOT, PACKAGE)):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py") or name == "py.typed":
                path = os.path.join(directory, name)
                yield path, os.path.relpath(path, ROOT).replace(os.sep, "/")


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


def _write_wheel(wheel_directory, project, with_sources):
    dist = _dist_name(project)
    info = dist + ".dist-info"
    filename = "%s-%s.whl" % (dist, WHEEL_TAG)
    entries = []
    if with_sources:
        for path, arcname in _package_files():
            with open(path, "rb") as f:
                entries.append((arcname, f.read()))
    else:  # an editable install: a .pth file puts this directory on sys.path
        entries.append((dist + ".pth", (ROOT + "\n").encode()))
    entries.append((info + "/METADATA", _metadata(project).encode("utf-8")))
    entries.append((info + "/WHEEL", (
        "Wheel-Version: 1.0\nGenerator: flowsocket_build\nRoot-Is-Purelib: true\nTag: %s\n"
        % WHEEL_TAG).encode()))
    scripts = project.get("scripts", {})
    if scripts:
        entries.append((info + "/entry_points.txt", ("[console_scripts]\n" + "".join(
            "%s = %s\n" % item for item in sorted(scripts.items()))).encode()))
    record = [_record_line(name, data) for name, data in entries] + [info + "/RECORD,,"]
    entries.append((info + "/RECORD", ("\n".join(record) + "\n").encode()))
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as whl:
        for name, data in entries:
            whl.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return filename


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _project(), with_sources=True)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _write_wheel(wheel_directory, _project(), with_sources=False)


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    dist = _dist_name(project)
    filename = dist + ".tar.gz"
    files = [os.path.join(ROOT, "pyproject.toml"), os.path.join(ROOT, "README.md"),
             os.path.join(ROOT, "_backend", "flowsocket_build.py")]
    files += [path for path, _ in _package_files()]
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as tar:
        for path in files:
            if os.path.exists(path):
                tar.add(path, arcname=dist + "/" + os.path.relpath(path, ROOT).replace(os.sep, "/"))
        pkg_info = _metadata(project).encode("utf-8")
        member = tarfile.TarInfo(dist + "/PKG-INFO")
        member.size = len(pkg_info)
        tar.addfile(member, io.BytesIO(pkg_info))
    return filename
