#!/usr/bin/env bash
# Fetch the map outlines shipped in src/sitrep/web/data again from the npm registry:
# Natural Earth 1:50m and 1:110m countries (public domain) as TopoJSON, from world-atlas 2.0.2.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz)
cp "$tmp/package/countries-50m.json" "$tmp/package/countries-110m.json" src/sitrep/web/data/
rm -rf "$tmp"
echo "updated src/sitrep/web/data/countries-{50m,110m}.json"
