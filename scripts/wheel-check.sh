#!/usr/bin/env bash
# Build the wheel and the sdist, install the wheel into a fresh virtualenv outside the checkout and
# use it as a new user would: build the sample graph, answer every competency question, validate.
# Fails when the packaged tool misses any of its own files (data/, ontology/, queries/).
# Usage: scripts/wheel-check.sh [PYTHON]   (default python3.11, else python3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-$(command -v python3.11 || command -v python3)}"
work="$(mktemp -d "${TMPDIR:-/tmp}/kgb-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$python" -m venv "$work/venv"
pip="$work/venv/bin/python -m pip"
$pip install --quiet --upgrade pip build
"$work/venv/bin/python" -m build --outdir "$work/dist" "$root" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }

# Both archives must carry the files the tool reads at run time.
"$work/venv/bin/python" - "$work"/dist/*.whl "$work"/dist/*.tar.gz <<'PY'
import sys, tarfile, zipfile
wheel, sdist = sys.argv[1:3]
needed = ("data/temporal/", "data/gazetteer/", "data/lexicon/", "ontology/kgb.ttl", "ontology/kgb.owl",
          "ontology/shapes.ttl", "queries/checks/", "queries/export/")
names = {"wheel": ["/".join(n.split("/")[1:]) for n in zipfile.ZipFile(wheel).namelist() if n.startswith("kg_builder/")],
         "sdist": ["/".join(n.split("/")[1:]) for n in tarfile.open(sdist).getnames()]}
missing = [f"{kind} lacks {need}" for kind, got in names.items() for need in needed
           if not any(n.startswith(need) for n in got)]
sys.exit("\n".join(missing) or None)
PY

$pip install --quiet "$work"/dist/*.whl
cp -r "$root/data/articles" "$work/articles"
cd "$work"   # nothing below may read the checkout
kgb="$work/venv/bin/kgb"
"$kgb" --version
"$kgb" build --manifest articles/manifest.jsonl --store "$work/kg"
test "$("$kgb" queries | wc -l)" -gt 0 || { echo "kgb queries lists no competency question" >&2; exit 1; }
"$kgb" query --all --store "$work/kg" >"$work/answers.txt"
grep -c '^== ' "$work/answers.txt"
"$kgb" validate --reason --store "$work/kg"   # SHACL, the checks and HermiT (Java)
# the endpoint: the Oxigraph server came with the wheel; its front answers a competency question over HTTP
port=$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$kgb" serve --store "$work/kg" --port "$port" -q &
serving=$!
"$work/venv/bin/python" - "$port" <<'PY'
import json, sys, time, urllib.parse, urllib.request
from kg_builder.query import load_query
url = f"http://127.0.0.1:{sys.argv[1]}/sparql"
query = urllib.parse.urlencode({"query": load_query("negotiations-timeline")})
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=10) as answer:
            rows = json.load(answer)["results"]["bindings"]
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("kgb serve did not answer within 60 s")
print(f"kgb serve answered {len(rows)} rows at {url}")
sys.exit(0 if rows else "kgb serve answered the negotiations timeline with no row")
PY
kill "$serving"; wait "$serving" || true
echo "wheel check passed: $(basename "$work"/dist/*.whl)"
