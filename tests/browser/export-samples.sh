#!/usr/bin/env bash
# Exports the three sample manuals and checks them in headless Chromium:
# axe-core at WCAG 2.2 AA on every page, and every internal link; then the
# same for an induction pack exported from the Stockport sample; then the
# site search (check-search.mjs).
# Needs: Debian's chromium, and `npm ci` run once in tests/browser.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --locked
rm -rf target/site
for manual in stockport wandsworth wigan; do
  target/debug/manual-editor export "sample_manuals/$manual.ron" --out "target/site/$manual" --date 2026-11-22
done
# An induction pack: one self-contained document.
mkdir -p target/site/pack
target/debug/manual-editor pack new sample_manuals/stockport.ron --title "Week 1: Safeguarding" \
  --audience "new social workers" -o target/site/pack/week1.pack.ron \
  young-carers confidentiality-policy capacity-and-consent
target/debug/manual-editor pack export target/site/pack/week1.pack.ron \
  --out target/site/pack/week1.html --date 2026-11-22 --pdf target/site/week1.pdf
# Cover and contents, then each of the three chapters on a page of its own.
pages=$(pdfinfo target/site/week1.pdf | awk '/^Pages:/ {print $2}')
if [ "$pages" != 4 ]; then
  echo "the pack's PDF has $pages pages, expected 4" >&2
  exit 1
fi
# The whole manual in print: a cover, the contents, each part from a new
# page and every chapter, "Printed on" on each page.
target/debug/manual-editor export sample_manuals/wandsworth.ron --out target/site/wandsworth-print \
  --date 2026-11-22 --pdf target/site/wandsworth.pdf
chapters=$(target/debug/manual-editor check sample_manuals/wandsworth.ron | sed -n 's/.*: \([0-9]*\) chapters.*/\1/p')
pages=$(pdfinfo target/site/wandsworth.pdf | awk '/^Pages:/ {print $2}')
if [ "$pages" -lt $((chapters + 2)) ]; then
  echo "the manual's PDF has $pages pages for $chapters chapters" >&2
  exit 1
fi
pdftotext target/site/wandsworth.pdf target/site/wandsworth.txt
grep -q "Printed on 22 November 2026" target/site/wandsworth.txt
# A manual with keywords and an accessibility contact: the keywords page.
target/debug/manual-editor export tests/fixtures/keywords/northshire.ron --out target/site/keywords \
  --date 2026-11-22
# A draft with changes shown: Stockport published once (a copy kept), the
# next update opened and a chapter's text imported into it, exported as a
# draft with "What changed" on the changed pages.
mkdir -p target/site-src
rm -rf target/site-src/versions.ron target/site-src/versions.versions
cp sample_manuals/stockport.ron target/site-src/versions.ron
target/debug/manual-editor update start target/site-src/versions.ron --label "December 2026" \
  --date 2026-12 >/dev/null
target/debug/manual-editor update publish target/site-src/versions.ron --date 2026-12-01 >/dev/null
target/debug/manual-editor update start target/site-src/versions.ron --label "June 2027" \
  --date 2027-06 >/dev/null
# Exit 1: the page names a related chapter Stockport does not hold (said).
target/debug/manual-editor import-chapters target/site-src/versions.ron \
  tests/fixtures/chapters/young-carers.html >/dev/null || test $? -eq 1
target/debug/manual-editor export target/site-src/versions.ron --out target/site/draft \
  --date 2027-01-10 --draft --show-changes
grep -q 'What changed in June 2027' target/site/draft/chapters/young-carers-2.html
grep -q 'class="draft-banner"' target/site/draft/index.html
# June 2027 published too: the export with the archive of superseded pages.
target/debug/manual-editor update publish target/site-src/versions.ron --date 2027-06-01 \
  --without-sign-off "browser check" >/dev/null
target/debug/manual-editor export target/site-src/versions.ron --out target/site/archive \
  --date 2027-06-02 --archive
grep -q 'Superseded on' target/site/archive/archive/young-carers-2--v1.html
# The council's look: a logo, a brand colour and its own stylesheet, published
# at a base address (a sitemap and canonical links).
mkdir -p target/site-src/themed.files target/site-src/theme
sed 's|^  authority: "Wigan",|  authority: "Wigan",\n  look: (logo: "themed.files/logo.png", colour: "#1d4f91"),|' \
  sample_manuals/wigan.ron > target/site-src/themed.ron
grep -q 'colour: "#1d4f91"' target/site-src/themed.ron
cp assets/icon.png target/site-src/themed.files/logo.png
printf 'h1 { font-family: Georgia, serif; }\n.site-header { padding-top: 1rem; }\n' \
  > target/site-src/theme/theme.css
target/debug/manual-editor export target/site-src/themed.ron --out target/site/themed \
  --date 2026-11-22 --theme target/site-src/theme --base-url https://procedures.example.gov.uk/wigan
test -f target/site/themed/sitemap.xml
grep -q 'class="logo"' target/site/themed/index.html
node tests/browser/check-export.mjs target/site/stockport target/site/wandsworth target/site/wigan \
  target/site/pack target/site/keywords target/site/draft target/site/archive target/site/themed

# Search: the Stockport sample with Young Carers' page imported (a body to
# search), and the generated 10,000-chapter manual for size and speed.
mkdir -p target/site-src
cp sample_manuals/stockport.ron target/site-src/stockport.ron
target/debug/manual-editor import-chapters target/site-src/stockport.ron \
  tests/fixtures/chapters/young-carers.html tests/fixtures/chapters/assessments.html >/dev/null \
  || test $? -eq 1
target/debug/manual-editor export target/site-src/stockport.ron --out target/site/search-stockport \
  --date 2026-11-22
cargo run --quiet --locked --example synthetic -- 10000 target/site-src/synthetic.ron
target/debug/manual-editor export target/site-src/synthetic.ron --out target/site/search-10k \
  --date 2026-11-22
node tests/browser/check-search.mjs target/site/search-stockport target/site/search-10k

# A chapter page printed from a browser says on every page how old it is.
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --user-data-dir="$(mktemp -d)" --print-to-pdf=target/site/assessments.pdf \
  "file://$PWD/target/site/search-stockport/chapters/assessments.html" >/dev/null 2>&1
pages=$(pdfinfo target/site/assessments.pdf | awk '/^Pages:/ {print $2}')
pdftotext target/site/assessments.pdf target/site/assessments.txt
noted=$(grep -c "printed copies go out of date" target/site/assessments.txt)
if [ "$pages" -lt 2 ] || [ "$noted" != "$pages" ]; then
  echo "a printed chapter of $pages pages says how old it is on $noted of them" >&2
  exit 1
fi
echo "a printed chapter says how old it is on each of its $pages pages"
