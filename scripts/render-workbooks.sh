#!/usr/bin/env bash
# Renders every workbook tiepdan writes (logbook Mẫu 03, periodic report, disclosure) through
# LibreOffice with its default print settings, to PDF and a PNG of each first page, for a visual
# check of how they print. Not part of `cargo test`: it needs LibreOffice and poppler
# (Debian: apt-get install -y libreoffice-calc-nogui poppler-utils).
#   scripts/render-workbooks.sh [OUT_DIR]      (default: target/print-check)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/print-check}
mkdir -p "$out"
command -v soffice >/dev/null || { echo "LibreOffice (soffice) is not installed" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/tiepdan
db="$out/demo.sqlite3"
rm -f "$db" "$db"-wal "$db"-shm "$out"/*.xlsx "$out"/*.pdf "$out"/*.png
export TIEPDAN_CONFIG_DIR="$out/config"
mkdir -p "$TIEPDAN_CONFIG_DIR"
printf 'agency = "UBND xã Cẩm Bình"\n' > "$TIEPDAN_CONFIG_DIR/config.toml"
"$bin" --db "$db" --today 2026-11-24 demo --petitions 2000 >/dev/null
"$bin" --db "$db" --today 2026-11-24 logbook --period 2026-Q3 --format xlsx --output "$out/so-tiep-cong-dan.xlsx"
"$bin" --db "$db" --today 2026-11-24 report --period 2026-Q3 --format xlsx --output "$out/bao-cao.xlsx"
"$bin" --db "$db" --today 2026-11-24 disclosure --period 2026-Q3 --format xlsx --output "$out/cong-khai.xlsx"
for book in "$out"/*.xlsx; do
  soffice --headless --convert-to pdf --outdir "$out" "$book" >/dev/null
  pdf="${book%.xlsx}.pdf"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "${book%.xlsx}"
  echo "$(basename "$pdf"): $pages pages"
done
