#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS each (default 600), gently (nice, one job), keeping
# new inputs out of the committed seed corpora. Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_import search_query keymap config date cli_args)
# cli_args runs the release binary (TIEPDAN_BIN, default ../target/release/tiepdan).
(cd .. && cargo build --release)
failed=0
export RUSTC_BOOTSTRAP=1
work=${FUZZ_WORK:-/tmp/tiepdan-fuzz}
for target in "${targets[@]}"; do
  mkdir -p "$work/$target"
  echo "== $target (${seconds}s)"
  nice -n 19 cargo fuzz run -O "$target" "$work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 2>&1 | tee "$work/$target.log" | tail -n 25 ||
    failed=1
done
exit $failed
