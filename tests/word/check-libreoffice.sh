#!/usr/bin/env bash
# A real client reads the consultation copies: each is converted to PDF by
# LibreOffice (headless), its pages counted (a page a chapter, and the
# cover) and its text checked; then saved again by LibreOffice as .docx
# and read back through `import-response`, which must find the same text
# (no proposed changes) in every chapter.
#
# Uses the debug binary `cargo test` built.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/debug/manual-editor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile="-env:UserInstallation=file://$work/profile"

check() {
  local manual=$1 name=$2 chapters=$3
  shift 3
  "$bin" export-docx "$manual" -o "$work/$name.docx" --date 2026-12-02 >/dev/null
  soffice --headless "$profile" --convert-to pdf --outdir "$work" "$work/$name.docx" >/dev/null 2>&1
  local pages
  pages=$(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ { print $2 }')
  if [ "$pages" -lt $((chapters + 1)) ]; then
    echo "FAIL: $name: $pages pages for $chapters chapters and the cover" >&2
    exit 1
  fi
  pdftotext "$work/$name.pdf" "$work/$name.txt"
  for expected in "Consultation draft" "$@"; do
    if ! grep -qF "$expected" "$work/$name.txt"; then
      echo "FAIL: $name: the PDF does not say \"$expected\"" >&2
      exit 1
    fi
  done
  mkdir -p "$work/resaved"
  soffice --headless "$profile" --convert-to docx:"MS Word 2007 XML" --outdir "$work/resaved" \
    "$work/$name.docx" >/dev/null 2>&1
  local review
  review=$("$bin" import-response "$manual" "$work/resaved/$name.docx")
  case "$review" in
    "0 chapters with changes or comments: 0 proposed changes"*) ;;
    *)
      echo "FAIL: $name: saved again by LibreOffice, the copy reads back differently:" >&2
      echo "$review" >&2
      exit 1
      ;;
  esac
  echo "ok: $name.docx: $pages pages in LibreOffice for $chapters chapters; saved again, it reads back the same"
}

check tests/fixtures/word/consulted.ron consulted 2 \
  "1.1 Statutory Visits" "1.2 Reviews" "Every six weeks" "GOV.UK guidance"
chapters=$("$bin" check sample_manuals/stockport.ron | sed -n 's/.*: \([0-9]*\) chapters.*/\1/p')
check sample_manuals/stockport.ron stockport "$chapters" "4.8.1 Young Carers" "Private Fostering"
