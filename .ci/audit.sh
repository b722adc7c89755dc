#!/usr/bin/env bash
# Audit the pinned dependencies (requirements.lock, requirements-nodeps.lock) for known vulnerabilities with pip-audit.
# Fails when a vulnerability is found. pip-audit asks PyPI's JSON API (then OSV) about each pin;
# where neither answers (an offline mirror), it says so plainly instead of claiming a clean audit.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
for service in pypi osv; do
  timeout 600 .venv/bin/pip-audit -r requirements.lock -r requirements-nodeps.lock --no-deps --disable-pip --progress-spinner off \
    --vulnerability-service "$service" -f json -o "$out" >/dev/null 2>&1
  verdict=$(.venv/bin/python - "$out" "$service" <<'PY'
import json, sys
try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except Exception:
    print("unreachable"); sys.exit()
skipped = sum(1 for d in deps if d.get("skip_reason"))
vulns = [(d["name"], d["version"], v["id"]) for d in deps for v in d.get("vulns", [])]
if skipped == len(deps):
    print("unreachable")
elif vulns:
    print("vulnerable " + "; ".join(f"{n} {ver}: {i}" for n, ver, i in vulns))
else:
    print(f"clean {len(deps) - skipped} audited with {sys.argv[2]}, {skipped} not found")
PY
)
  case "$verdict" in
    vulnerable*) echo "pip-audit: ${verdict#vulnerable }"; exit 1 ;;
    clean*) echo "pip-audit: no known vulnerabilities (${verdict#clean })"; exit 0 ;;
  esac
done
echo "pip-audit: no vulnerability service answered from this machine; the pins were NOT audited"
