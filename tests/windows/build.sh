#!/usr/bin/env bash
# Builds the Windows program from Linux: manual-editor.exe cross-compiled
# for x86_64-pc-windows-gnu (icon and version information embedded by
# build.rs), staged with the en_GB dictionary and its licence, then the
# portable zip and the per-user installer (NSIS).
# Needs: rustup's x86_64-pc-windows-gnu target, Debian's gcc-mingw-w64-x86-64,
# nsis, zip and hunspell-en-gb.
# Writes: target/windows/manual-editor-VERSION-windows-x86_64.zip and
#         target/windows/manual-editor-VERSION-setup.exe
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target=x86_64-pc-windows-gnu
cargo build --release --locked --target "$target" --bin manual-editor
out=target/windows
stage="$out/stage/manual-editor"
rm -rf "$out/stage"
mkdir -p "$stage/dictionaries"
cp "target/$target/release/manual-editor.exe" "$stage/"
cp README.md "$stage/README.md"
# Windows has no system Hunspell dictionary: the build ships Debian's en_GB
# (hunspell-en-gb, from LibreOffice's dictionaries) with its licence.
dictionary=/usr/share/hunspell/en_GB
cp "$dictionary.aff" "$dictionary.dic" "$stage/dictionaries/"
cp /usr/share/doc/hunspell-en-gb/copyright "$stage/dictionaries/en_GB-LICENCE.txt"
cat > "$stage/dictionaries/README.txt" <<EOF
en_GB.aff and en_GB.dic: the British English Hunspell dictionary from
Debian's hunspell-en-gb package (LibreOffice's dictionaries). Its authors
and licence are in en_GB-LICENCE.txt. manual-editor uses it for spelling.
EOF
zip_file="$out/manual-editor-$version-windows-x86_64.zip"
rm -f "$zip_file"
(cd "$out/stage" && zip -qr "../$(basename "$zip_file")" manual-editor)
setup="$out/manual-editor-$version-setup.exe"
rm -f "$setup"
(cd dist/windows && makensis -V2 -DVERSION="$version" -DSTAGE="$PWD/../../$stage" \
  -DOUT="$PWD/../../$setup" installer.nsi)
ls -l "$zip_file" "$setup"
