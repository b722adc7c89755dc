"""Write docs/cli.md from the commands' own --help, so the reference cannot drift from the code.

    .venv/bin/python scripts/gen_cli_docs.py          # rewrite docs/cli.md
    .venv/bin/python scripts/gen_cli_docs.py --check  # exit 1 if docs/cli.md is stale
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["run", "batch", "watch", "clean", "dates", "places", "events", "control", "stories", "timeline", "serve", "documents", "export", "eval"]


def help_text(*args: str) -> str:
    env = os.environ | {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    out = subprocess.run([sys.executable, "-m", "sitrep", *args, "--help"], capture_output=True, text=True, env=env, check=True)
    return "\n".join(line.rstrip() for line in out.stdout.strip().splitlines())


def render() -> str:
    parts = ["# sitrep command reference", "", "Generated from `--help` by `scripts/gen_cli_docs.py`; a test checks it is current.", ""]
    parts += ["## sitrep", "", "```text", help_text(), "```", ""]
    for cmd in COMMANDS:
        parts += [f"## sitrep {cmd}", "", "```text", help_text(cmd), "```", ""]
    return "\n".join(parts)


def main() -> int:
    target = ROOT / "docs" / "cli.md"
    text = render()
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("docs/cli.md is stale: run scripts/gen_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
