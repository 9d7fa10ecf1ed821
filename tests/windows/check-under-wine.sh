#!/usr/bin/env bash
# The Windows build under Wine: the command line on the samples gives what
# the Linux build gives (the exported site and document index byte for
# byte), with a drive-letter path and a UNC-style (\\?\) one; then the
# installer installs silently for the user, the installed program runs,
# and the uninstaller removes it.
# Needs: tests/windows/build.sh run first, the Linux build at
# target/debug/manual-editor, Debian's wine and wine64, mingw's gcc.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
linux="$root/target/debug/manual-editor"
work="$root/target/windows/wine-check"
rm -rf "$work"
mkdir -p "$work/bin"
cp "target/windows/stage/manual-editor/manual-editor.exe" "$work/bin/"
# Debian's Wine 8 lacks ProcessPrng (see process_prng_shim.c): the shim
# goes beside the program, for these tests only.
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bin/bcryptprimitives.dll" \
  tests/windows/process_prng_shim.c tests/windows/process_prng_shim.def
export WINEPREFIX="$root/target/windows/wineprefix"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
wine="wine"
command -v wine >/dev/null || wine=wine64
$wine wineboot -i >/dev/null 2>&1 || true
exe="$work/bin/manual-editor.exe"
win() { $wine "$exe" "$@"; }
fail() { echo "under Wine: $*" >&2; exit 1; }

# The same command, Linux and Windows, in the same folder with the same
# relative paths: the same output and exit code.
same() {
  local name=$1
  shift
  local linux_out windows_out linux_code=0 windows_code=0
  linux_out=$("$linux" "$@" 2>/dev/null) || linux_code=$?
  windows_out=$(win "$@" 2>/dev/null) || windows_code=$?
  windows_out=$(printf '%s' "$windows_out" | tr -d '\r')
  if [ "$linux_out" != "$windows_out" ] || [ "$linux_code" != "$windows_code" ]; then
    diff <(echo "$linux_out") <(echo "$windows_out") >&2 || true
    fail "$name: exit $windows_code and the output above, where Linux gave exit $linux_code"
  fi
  echo "same on Windows: $name (exit $windows_code)"
}

cd "$work"
mkdir -p samples
cp "$root"/sample_manuals/*.ron samples/
for manual in stockport wandsworth wigan; do
  same "check $manual" check "samples/$manual.ron"
  same "fmt --check $manual" fmt --check "samples/$manual.ron"
  "$linux" export "samples/$manual.ron" --out "linux-$manual" --date 2026-11-22 >/dev/null
  win export "samples/$manual.ron" --out "windows-$manual" --date 2026-11-22 >/dev/null
  diff -r "linux-$manual" "windows-$manual" >/dev/null || fail "the $manual site differs"
  cmp "linux-$manual/document-index.csv" "windows-$manual/document-index.csv"
  echo "same on Windows: the $manual site, byte for byte ($(find "windows-$manual" -type f | wc -l) files)"
done
same "diff" diff samples/stockport.ron samples/wigan.ron
cp samples/stockport.ron base.ron
cp samples/stockport.ron ours.ron
cp samples/stockport.ron theirs.ron
sed -i 's/title: "Young Carers",/title: "Young Carers (ours)",/' ours.ron
same "merge" merge base.ron ours.ron theirs.ron -o merged-linux.ron
win merge base.ron ours.ron theirs.ron -o merged-windows.ron >/dev/null
cmp merged-linux.ron merged-windows.ron || fail "merge wrote another file"
cp "$root/tests/fixtures/import/hosted-layout.txt" contents.txt
"$linux" import contents.txt -o imported-linux.ron >/dev/null 2>&1 || true
win import contents.txt -o imported-windows.ron >/dev/null 2>&1 || true
cmp imported-linux.ron imported-windows.ron || fail "import wrote another manual"
echo "same on Windows: import"
cp samples/stockport.ron chapters.ron
cp chapters.ron chapters-windows.ron
# Exit 1: the page names a related chapter Stockport does not hold (said).
"$linux" import-chapters chapters.ron "$root/tests/fixtures/chapters/young-carers.html" >/dev/null \
  || test $? -eq 1
win import-chapters chapters-windows.ron "$root/tests/fixtures/chapters/young-carers.html" >/dev/null \
  || test $? -eq 1
cmp chapters.ron chapters-windows.ron || fail "import-chapters wrote another manual"
echo "same on Windows: import-chapters"
"$linux" pack new samples/stockport.ron --title "Week 1" -o week1.pack.ron young-carers-2 >/dev/null
win pack new samples/stockport.ron --title "Week 1" -o week1-windows.pack.ron young-carers-2 >/dev/null
cmp week1.pack.ron week1-windows.pack.ron || fail "pack new wrote another pack"
echo "same on Windows: pack new"

# Windows paths: a drive letter, and the extended (UNC-style) form.
drive_path=$($wine winepath -w "$work/samples/stockport.ron" 2>/dev/null | tr -d '\r')
case "$drive_path" in
  [A-Z]:\\*) ;;
  *) fail "winepath gave '$drive_path'" ;;
esac
win check "$drive_path" >/dev/null || [ $? -eq 1 ] || fail "check with a drive-letter path"
win check "\\\\?\\$drive_path" >/dev/null || [ $? -eq 1 ] || fail "check with a \\\\?\\ path"
echo "Windows paths read: $drive_path and \\\\?\\$drive_path"

# The window starts under Wine (in Xvfb) on the Stockport sample.
if command -v Xvfb >/dev/null 2>&1 && command -v xwininfo >/dev/null 2>&1; then
  Xvfb :77 -screen 0 1400x900x24 >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  DISPLAY=:77 $wine "$exe" --sample stockport >/dev/null 2>&1 &
  shown=""
  for _ in $(seq 1 60); do
    shown=$(DISPLAY=:77 xwininfo -root -tree 2>/dev/null | grep -o '"Stockport Children.s Services Procedure Manual[^"]*"' || true)
    [ -n "$shown" ] && break
    sleep 1
  done
  wineserver -k 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  [ -n "$shown" ] || fail "the window did not open on the Stockport sample"
  echo "the window opened under Wine: $shown"
else
  echo "skipped the window under Wine: no Xvfb or xwininfo" >&2
fi

# The installer, silently, for this user; the installed program runs.
setup="$root/target/windows/manual-editor-$version-setup.exe"
$wine "$setup" /S
installed=$(find "$WINEPREFIX/drive_c/users" -path '*AppData/Local/Programs/manual-editor/manual-editor.exe' | head -1)
[ -n "$installed" ] || fail "the installer put no manual-editor.exe under the user's programs folder"
folder=$(dirname "$installed")
[ -f "$folder/dictionaries/en_GB.dic" ] || fail "the dictionary was not installed"
[ -f "$folder/uninstall.exe" ] || fail "no uninstaller"
cp "$work/bin/bcryptprimitives.dll" "$folder/"
$wine "$installed" check "$($wine winepath -w "$work/samples/wigan.ron" | tr -d '\r')" >/dev/null \
  || [ $? -eq 1 ] || fail "the installed program does not run"
echo "installed silently for the user in ${folder#"$WINEPREFIX"/} and ran"
$wine "$folder/uninstall.exe" /S
for _ in $(seq 1 20); do
  [ -e "$folder/manual-editor.exe" ] || break
  sleep 0.5
done
[ ! -e "$folder/manual-editor.exe" ] || fail "the uninstaller left the program"
if $wine reg query 'HKCU\Software\Classes\ManualEditor.Manual' >/dev/null 2>&1; then
  fail "the uninstaller left the manual file type"
fi
echo "uninstalled silently"
