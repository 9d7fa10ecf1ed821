#!/usr/bin/env bash
# Re-imports the sample manuals from the published contents lists in
# tests/fixtures. Run from the repository root after changing the importer.
set -euo pipefail
cargo build --quiet
for pair in wigan:wigan-contents-foi-response wandsworth:wandsworth-contents stockport:stockport-contents; do
  name=${pair%%:*}
  source=${pair#*:}
  target/debug/manual-editor import "tests/fixtures/$source.txt" -o "sample_manuals/$name.ron" >/dev/null
  rm -f "sample_manuals/$name.ron.bak"
done
