#!/usr/bin/env bash
# Exports the three sample manuals and checks them in headless Chromium:
# axe-core at WCAG 2.2 AA on every page, and every internal link.
# Needs: Debian's chromium, and `npm ci` run once in tests/browser.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --locked
rm -rf target/site
for manual in stockport wandsworth wigan; do
  target/debug/manual-editor export "sample_manuals/$manual.ron" --out "target/site/$manual" --date 2026-11-22
done
node tests/browser/check-export.mjs target/site/stockport target/site/wandsworth target/site/wigan
