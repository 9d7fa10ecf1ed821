#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS (default 60) each, starting from the
# checked-in seeds. New inputs go to a scratch corpus, not the seeds; a
# crash stops the run and leaves its input in fuzz/artifacts/TARGET/.
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
scratch="${FUZZ_CORPUS:-$(mktemp -d)}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load_manual import_contents import_chapter_page render_body read_lock merge_manuals read_docx)
for target in "${targets[@]}"; do
  echo "== fuzzing $target for ${seconds}s"
  mkdir -p "$scratch/$target"
  log="$scratch/$target.log"
  if ! cargo +nightly fuzz run "$target" "$scratch/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"$log" 2>&1; then
    grep -v "^Output of\|^	\[" "$log" | tail -n 60 | cut -c1-300
    echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/"
    exit 1
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)" "$log" || true
done
