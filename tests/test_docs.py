"""Docs that match the code: the CLI reference is generated from --help, the README's Python
example runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_readme_python_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README has a Python example"
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # the example reads the demo corpus
    for code in blocks:
        out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip(), "the example prints what it found"


def test_every_error_code_is_documented() -> None:
    from sitrep import errors

    codes = [v for k, v in vars(errors).items() if k.startswith("E_")]
    assert set(codes) == set(errors.CODES)
    for code in codes:
        assert code in (errors.__doc__ or "")


def test_errors_page_lists_every_code() -> None:
    from sitrep import errors

    page = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in errors.CODES:
        assert f"`{code}`" in page, code
    for exit_code in (errors.EXIT_OK, errors.EXIT_ERROR, errors.EXIT_USAGE, errors.EXIT_STORE):
        assert f"| `{exit_code}` |" in page
    # every error code the API can answer with
    app = (ROOT / "src" / "sitrep" / "web" / "app.py").read_text(encoding="utf-8")
    api_codes = set(re.findall(r"(?:ApiError|error)\((?:request, )?\d+, \"([a-z_]+)\"", app))
    assert {"not_found", "unauthorized", "read_only", "too_large", "invalid_request", "internal_error"} <= api_codes
    for code in api_codes | {"http_error"}:
        assert f"`{code}`" in page, code
