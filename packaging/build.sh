#!/usr/bin/env bash
# Build the frozen one-folder app into dist/ with PyInstaller, then smoke-test it offscreen.
#   packaging/build.sh              build dist/quote-workbench-VERSION/ and its .tar.gz, then smoke-test
#   packaging/build.sh --smoke-only smoke-test the folder already in dist/
#   packaging/build.sh --compile-only only compile: build/compiled/site holds the package with its detector
#                                     compiled by mypyc (as frozen), for benchmarks/bench_detect.py
# Uses the project's .venv (made by `packaging/dev.sh test`, which also installs the Debian libraries Qt
# needs); without one it makes build/venv. Installs PyInstaller there. Prints the build time and sizes.
# The app is frozen from a wheel built with QWB_COMPILE=1, so its quote detector is C compiled by mypyc
# (setup.py; about 1.6 times as fast); the source tree and its editable install stay pure Python.
# The smoke test runs the frozen binary from an empty folder, so nothing is read from this checkout:
# --version, new, import (the shipped sample, an HTML page, a Word file), detect and extract (the same
# output as the venv's), quotes, report html and pdf, and one start of the window that quits by itself
# once shown (QUOTE_WORKBENCH_QUIT_WHEN_SHOWN). Any failure exits non-zero. docs/packaging.md has more.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# The X11 libraries Qt's xcb platform plugin loads: present at build time, PyInstaller puts them in the
# folder, so the frozen app opens a window on a desktop that lacks them (the list of dev.sh's `run`).
qt_window=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
           libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxkbcommon-x11-0)
missing=()
for p in "${qt_window[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
# mypyc's C compiler (Python's headers come with the interpreter that builds)
command -v gcc >/dev/null || missing+=(gcc)
if [ "${1:-}" != "--smoke-only" ] && [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
fi

if [ -x .venv/bin/python ]; then
  python=$root/.venv/bin/python
else
  [ -x build/venv/bin/python ] || python3 -m venv build/venv
  python=$root/build/venv/bin/python
  "$python" -m pip install -q --upgrade pip
  "$python" -m pip install -q "$root"
fi
version=$("$python" -c "import workbench; print(workbench.__version__)")
folder=$root/dist/quote-workbench-$version
app=$folder/quote-workbench
archive=$root/dist/quote-workbench-$version-linux-$(uname -m).tar.gz

compiled=$root/build/compiled
if [ "${1:-}" != "--smoke-only" ]; then
  start=$(date +%s)
  rm -rf "$compiled"
  # needs gcc and the building Python's headers; mypyc comes into the wheel's build environment (packaging/backend)
  QWB_COMPILE=1 "$python" -m pip wheel -q --no-deps -w "$compiled/wheel" "$root"
  "$python" -m pip install -q --no-deps --target "$compiled/site" "$compiled"/wheel/quote_workbench-*.whl
  compiled_at=$(date +%s)
  echo "compile: $((compiled_at - start)) s (mypyc, the detector's $(ls "$compiled"/site/workbench/domain/detection/*.so | wc -l) modules)"
  # mypyc trusts the annotations: a value of another type is a TypeError in C, never in Python. So the
  # detection tests run again on the compiled build (-P and importlib: the source tree is not imported
  # before it; the test of the build checks that), but for the few that patch its functions.
  QWB_EXPECT_COMPILED=1 PYTHONPATH="$compiled/site:$root" "$python" -P -m pytest -q -p no:cacheprovider \
    --import-mode=importlib -m "not patches_detector" --rootdir "$root" "$root/tests/domain" \
    || { echo "the compiled detector fails tests that the pure Python passes" >&2; exit 1; }
  [ "${1:-}" = "--compile-only" ] && exit 0
  "$python" -m pip install -q "pyinstaller>=6.10"
  "$python" packaging/notices.py >/dev/null   # the notices shipped match the versions frozen
  QWB_FREEZE_FROM=$compiled/site "$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist \
    --workpath build/pyinstaller packaging/quote-workbench.spec
  built=$(date +%s)
  "$python" packaging/notices.py --system-libraries "$folder" "$folder/SYSTEM-LIBRARY-NOTICES.md" >/dev/null
  tar -C dist -czf "$archive" "quote-workbench-$version"
  echo "build: $((built - start)) s (pip + notices + PyInstaller); folder $(du -sm "$folder" | cut -f1) MiB," \
       "archive $(du -m "$archive" | cut -f1) MiB ($(basename "$archive"))"
fi

# --- smoke test --------------------------------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 QUOTE_WORKBENCH_DATA_DIR=$work/data QUOTE_WORKBENCH_ANALYST="Smoke Test"
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
step() { echo "smoke: $*"; }

cp "$folder/_internal/resources/samples/bbc-ukraine-blinken.txt" "$work/sample.txt" \
  || fail "the sample article is not in the frozen app"
cp tests/fixtures/import/council-budget.html "$work/page.html"
"$python" - "$work/article.docx" <<'EOF'
import sys
from docx import Document
document = Document()
document.add_heading("Harbour wind farm approved", 1)
document.add_paragraph('"We have waited ten years for this," said Mayor Ana Lopes on Tuesday.')
document.add_paragraph("The council's planning chief, Tom Reyes, said the turbines would be built by 2028.")
document.save(sys.argv[1])
EOF
cd "$work"

step "--version"
[ "$("$app" --version)" = "quote-workbench $version" ] || fail "--version printed $("$app" --version)"

step "the detector is the compiled one, and finds what the venv's pure Python finds"
ls "$folder"/_internal/workbench/domain/detection/speakers.*.so >/dev/null 2>&1 \
  || fail "the frozen detector is not compiled (no speakers.*.so)"
(cd "$root" && "$python" -c "from benchmarks.bench_detect import generated_article; print(generated_article(300_000))") > generated.txt
for article in sample.txt generated.txt; do
  "$app" detect "$article" --json > frozen-detect.json
  "$python" -m workbench detect "$article" --json > venv-detect.json
  cmp -s frozen-detect.json venv-detect.json || fail "detect --json of $article differs from the venv's"
done
"$app" extract page.html --json > frozen-extract.json
"$python" -m workbench extract page.html --json > venv-extract.json
cmp -s frozen-extract.json venv-extract.json || fail "extract --json (trafilatura) differs from the venv's"

step "every dependency's metadata is in the folder (Help → About lists their licences from it)"
"$python" - "$folder/_internal" <<'EOF' || fail "distribution metadata is missing from the frozen app"
import sys
from pathlib import Path
from workbench.services.about import dependency_licences, normalise
present = {normalise(p.name.split("-")[0]) for p in Path(sys.argv[1]).glob("*.dist-info")}
missing = [d.name for d in dependency_licences() if normalise(d.name) not in present]
assert not missing, missing
EOF

step "the user guide with its screenshots, the icon, the templates, the file-format revisions, LICENSE and the notices are in the folder"
for shipped in docs/user-guide.md resources/icons/org.quoteworkbench.QuoteWorkbench.svg LICENSE THIRD-PARTY-NOTICES.md \
               workbench/services/reports/templates/report.html.j2 workbench/services/reports/templates/agreement.html.j2 \
               $(cd "$root" && ls workbench/persistence/migrations/versions/0*.py); do
  [ -s "$folder/_internal/$shipped" ] || fail "$shipped is not in the frozen app"
done
for image in $(grep -o '](screenshots/[^)]*)' "$root/docs/user-guide.md" | sed 's/^](//; s/)$//'); do
  [ -s "$folder/_internal/docs/$image" ] || fail "the guide's $image is not in the frozen app"
done
[ -s "$folder/SYSTEM-LIBRARY-NOTICES.md" ] || fail "SYSTEM-LIBRARY-NOTICES.md was not written"

step "new, import the sample, an HTML page and a Word file"
"$app" new project.qwb --title "Smoke test"
"$app" import project.qwb sample.txt page.html article.docx
articles=$("$app" articles project.qwb --json | "$python" -c "import json,sys; print(len(json.load(sys.stdin)))")
[ "$articles" = 3 ] || fail "the project holds $articles articles, not 3"
"$app" quotes project.qwb --json > quotes.json
"$python" - quotes.json <<'EOF' || fail "the quotes are not as expected"
import json, sys
quotes = json.load(open(sys.argv[1], encoding="utf-8"))
speakers = {q.get("speaker") for q in quotes}
assert len(quotes) >= 15, f"{len(quotes)} quotes"
assert "Antony Blinken" in speakers, speakers
assert any("Lopes" in (s or "") for s in speakers), speakers   # from the Word file
EOF

step "report html and pdf"
"$app" report project.qwb --format html -o report.html --include-unchecked
grep -q "Antony Blinken" report.html || fail "the HTML report does not name the speaker"
"$app" report project.qwb --format pdf -o report.pdf --include-unchecked
[ "$(head -c 5 report.pdf)" = "%PDF-" ] || fail "report.pdf is not a PDF"

if "$python" -c "import sys; sys.path.insert(0, '$root'); from tests.postgres_server import postgres_bin_dir; sys.exit(postgres_bin_dir() is None)"; then
  step "a team project in PostgreSQL: the driver and SQLAlchemy's dialect are in the folder"
  read -r pg_folder pg_url < <(cd "$root" && "$python" -m tests.postgres_server start)
  trap '(cd "$root" && "$python" -m tests.postgres_server stop "$pg_folder"); rm -rf "$work"' EXIT
  "$app" new "$pg_url" --title "Smoke desk" || fail "new on a PostgreSQL URL failed"
  "$app" import "$pg_url" sample.txt
  "$app" quotes "$pg_url" --json > team-quotes.json   # not piped into grep -q: under pipefail its early exit fails
  grep -q "Antony Blinken" team-quotes.json || fail "the team project's quotes do not name the speaker"
fi

step "the window starts, shows itself and quits"
QUOTE_WORKBENCH_QUIT_WHEN_SHOWN=1 timeout 60 "$app" project.qwb 2> window.log || { cat window.log >&2; fail "the window did not start and quit cleanly"; }
grep -q "window shown after" window.log || fail "the window was never shown"
if grep -iE "could not (load|find) the qt platform plugin|Traceback" window.log; then fail "Qt or Python complained"; fi
if command -v xvfb-run >/dev/null; then   # the real X11 (xcb) plugin and the X libraries in the folder
  step "the window on X11 (xvfb-run)"
  env -u QT_QPA_PLATFORM QUOTE_WORKBENCH_QUIT_WHEN_SHOWN=1 timeout 60 xvfb-run -a -s "-screen 0 1400x900x24" \
    "$app" project.qwb 2> x11.log || { cat x11.log >&2; fail "the window did not start on X11"; }
  grep -q "window shown after" x11.log || fail "the window was never shown on X11"
fi
echo "smoke test passed: $(basename "$folder")"
