#!/usr/bin/env bash
# Build the wheel, install it alone in a fresh virtual environment outside the checkout, and
# build the bundled sample with it.  The fresh environment borrows the dependencies already
# installed in .venv (a path in a .pth file, so no download) but not govkg itself: `graph` must
# come from the wheel, with its data/ and ontology/ inside.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" -m pip wheel -q --no-deps -w "$work/dist" . >/dev/null
wheel=$(ls "$work"/dist/govkg-*.whl)
python3 -m venv "$work/venv"
deps=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$deps" > "$site/zz-govkg-deps.pth"
"$work/venv/bin/python" -m pip install -q --no-deps "$wheel"
cd "$work"
where=$("$work/venv/bin/python" -c 'import graph; print(graph.__file__)')
case "$where" in "$ROOT"/*) echo "check_wheel: graph was imported from the checkout ($where)" >&2; exit 1;; esac
missing=$(cd "$ROOT" && find graph -name __init__.py -printf '%h\n' | tr / . | sort | while read -r p; do
  [ -f "$site/$(echo "$p" | tr . /)/__init__.py" ] || echo "$p"; done)
[ -z "$missing" ] || { echo "check_wheel: packages missing from the wheel: $missing" >&2; exit 1; }
"$work/venv/bin/govkg" build --out "$work/out" -q
"$work/venv/bin/govkg" query gaps --out "$work/out" --format csv >/dev/null
test -s "$work/out/kg.ttl" && test -s "$work/out/kg.html"
echo "wheel $(basename "$wheel"): installed alone, built the sample ($(grep -c ' a gk:' "$work/out/kg.ttl") typed nodes)"
