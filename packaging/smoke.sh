#!/usr/bin/env bash
# The frozen app's smoke run (.ci/run, after packaging/build.sh): on a fresh demo shop in a temporary folder,
# with nothing of the build's source on the path, it must make a demo, write a receipt PDF, a report PDF and
# XLSX, verify the journal, upgrade a shop made by an older build (schema 6, tests/db/fixtures) after keeping a
# copy of it, and open its window (offscreen) up to the login page. Prints the app's size and its start-up
# time. packaging/smoke.ps1 is the same on Windows.
#
#     packaging/smoke.sh [dist/kasir/kasir]
set -euo pipefail
app=$(realpath "${1:-dist/kasir/kasir}")
old_shop=$(realpath "$(dirname "$0")/../tests/db/fixtures/kasir-schema-6.db.gz")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# the app's settings and default data folder go to the temporary folder, never the user's
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen
unset PYTHONPATH KASIR_DB

step() { echo "+ kasir $*"; "$app" --db shop.db "$@"; }
step demo --shop warung --days 7 --seed 3
step receipt K1-000001 --pdf receipt.pdf
# the XLSX is an export: the owner's PIN (the demo owner's is 1234)
step --owner-pin 1234 report --from "$(date -d "-30 days" +%F)" --to "$(date +%F)" --pdf report.pdf --xlsx report.xlsx
step verify
for f in receipt.pdf report.pdf; do
  [ "$(head -c 5 "$f")" = "%PDF-" ] || { echo "$f is not a PDF" >&2; exit 1; }
done
[ "$(head -c 2 report.xlsx)" = "PK" ] || { echo "report.xlsx is not an XLSX file" >&2; exit 1; }

echo "+ kasir info on a shop made by an older build (schema 6): kept as it was, then upgraded"
gzip -dc "$old_shop" > old.db
info=$("$app" --db old.db info)
echo "$info"
[ -s old.db.before-upgrade-6 ] || { echo "no copy of the old shop before its upgrade" >&2; exit 1; }
case "$info" in *"nota: 190"*) ;; *) echo "the old shop's 190 sales did not survive the upgrade" >&2; exit 1 ;; esac

echo "+ kasir (the window, offscreen, up to the login page)"
start=$(date +%s%N)
shown=$(KASIR_QUIT_AFTER_START=1 "$app" --db shop.db 2>/dev/null)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "$shown"
[ "$shown" = "kasir started: login" ] || { echo "the window did not reach the login page" >&2; exit 1; }
echo "+ frozen app: $(du -sh "$(dirname "$app")" | cut -f1) in $(dirname "$app"), start-up to the login page ${ms} ms"
