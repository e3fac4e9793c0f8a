#!/usr/bin/env bash
# Rebuild the font subsets that the printable documents embed: Noto Serif SC
# Regular (宋体-style body text and table cells), Noto Sans SC Bold (黑体-style
# headings and labels) and Noto Serif SC Bold for the titles (小标宋-style).
#
#   bash crates/shenbao-pdf/fonts/build-font-subset.sh            # rebuild into crates/shenbao-pdf/fonts/
#   bash crates/shenbao-pdf/fonts/build-font-subset.sh OUT_DIR    # rebuild into OUT_DIR
#   bash crates/shenbao-pdf/fonts/build-font-subset.sh --check    # rebuild into a temp dir and
#                                                     # compare with crates/shenbao-pdf/fonts/
#
# Works on a fresh Debian machine (run as root so that it can apt-get what is
# missing: npm, python3-fonttools, and python3-venv only if the fontTools
# version differs). Output is deterministic: the same inputs give byte-identical
# files (fontTools' timestamp recalculation is off, so head.created/modified
# keep the source font's values; that is checked below).
#
# Pinned inputs:
#   npm package   @expo-google-fonts/noto-sans-sc@0.4.3  (Google Fonts "v40",
#                 Noto Sans SC Version 2.004-H2, TrueType/glyf outlines)
#   npm package   @expo-google-fonts/noto-serif-sc@0.4.3 (Noto Serif SC
#                 Version 2.003-H1, TrueType/glyf outlines)
#   fontTools     4.38.0 (= Debian bookworm's python3-fonttools 4.38.0-1+deb12u1;
#                 pip's fonttools==4.38.0 gives the same bytes; newer fontTools
#                 releases do NOT — e.g. 4.68.0 gives different glyf/cmap bytes).
set -euo pipefail

NPM_PKG="@expo-google-fonts/noto-sans-sc"
NPM_SERIF_PKG="@expo-google-fonts/noto-serif-sc"
NPM_VERSION="0.4.3"
FONTTOOLS_VERSION="4.38.0"
# sha256 of the files inside the npm package (checked before use)
SRC_BOLD_SHA256="9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96"     # sans 700Bold/NotoSansSC_700Bold.ttf
SRC_OFL_SHA256="1c05c68c34f9708415aada51f17e1b0092d2cea709bf4a94cd38114f9e73d7d9"      # sans LICENSE_FONT
SRC_SERIF_SHA256="c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742"    # serif 400Regular/NotoSerifSC_400Regular.ttf
SRC_TITLE_SHA256="9c6a2ba736e4b499c84f65ce366bd3625c0401885fd3e585ace50fb738b96ff6"    # serif 700Bold/NotoSerifSC_700Bold.ttf
SRC_SERIF_OFL_SHA256="5e0da210fb04058a8c0087985d2d456b931c2579811a49655721d3cf0c36b6d6" # serif LICENSE_FONT

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHECK=0
if [ "${1:-}" = "--check" ]; then
    CHECK=1
    shift
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/shenbao-font.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
if [ "$CHECK" = 1 ]; then
    OUT="$WORK/out"
else
    OUT="${1:-$SCRIPT_DIR}"
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
umask 022

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "need $* but apt-get is not available"
    [ "$(id -u)" = 0 ] || die "need $* — run as root, or install it first"
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# ---- tools -----------------------------------------------------------------
command -v npm >/dev/null 2>&1 || apt_install npm

has_fonttools() {
    [ -x "$1" ] || command -v "$1" >/dev/null 2>&1 || return 1
    "$1" -c "import sys, fontTools; sys.exit(0 if fontTools.version == '$FONTTOOLS_VERSION' else 1)" 2>/dev/null
}
PY=""
if [ -n "${PYTHON:-}" ] && has_fonttools "$PYTHON"; then
    PY="$PYTHON"
elif has_fonttools /usr/bin/python3; then
    PY=/usr/bin/python3
else
    # Debian bookworm ships exactly fontTools 4.38.0.
    if [ ! -e /usr/lib/python3/dist-packages/fontTools ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt_install python3-fonttools
    fi
    if has_fonttools /usr/bin/python3; then
        PY=/usr/bin/python3
    else
        # Other distributions/releases: a private venv with the pinned version.
        log "fontTools $FONTTOOLS_VERSION not found; creating a venv with pip"
        BASE_PY="$(command -v python3 || true)"
        [ -n "$BASE_PY" ] || { apt_install python3; BASE_PY=/usr/bin/python3; }
        if ! "$BASE_PY" -m venv "$WORK/venv" >/dev/null 2>&1; then
            apt_install python3-venv
            rm -rf "$WORK/venv"
            "$BASE_PY" -m venv "$WORK/venv"
        fi
        "$WORK/venv/bin/pip" install -q "fonttools==$FONTTOOLS_VERSION"
        PY="$WORK/venv/bin/python"
        has_fonttools "$PY" || die "could not get fontTools $FONTTOOLS_VERSION"
    fi
fi
log "python: $PY (fontTools $("$PY" -c 'import fontTools; print(fontTools.version)'))"

# ---- source fonts from npm ---------------------------------------------------
fetch_npm() {
    log "fetching $1@$NPM_VERSION"
    mkdir -p "$WORK/$2"
    (cd "$WORK/$2" && npm pack --silent "$1@$NPM_VERSION" >/dev/null)
    tar -xzf "$WORK/$2"/*.tgz -C "$WORK/$2"
}
fetch_npm "$NPM_PKG" sans
fetch_npm "$NPM_SERIF_PKG" serif
PKG="$WORK/sans/package"
SERIF_PKG="$WORK/serif/package"
SRC_BOLD="$PKG/700Bold/NotoSansSC_700Bold.ttf"
SRC_SERIF="$SERIF_PKG/400Regular/NotoSerifSC_400Regular.ttf"
SRC_TITLE="$SERIF_PKG/700Bold/NotoSerifSC_700Bold.ttf"
check_sha() {
    local got
    got="$(sha256sum "$1" | cut -d' ' -f1)"
    [ "$got" = "$2" ] || die "sha256 mismatch for $1: got $got, want $2"
}
check_sha "$SRC_BOLD" "$SRC_BOLD_SHA256"
check_sha "$PKG/LICENSE_FONT" "$SRC_OFL_SHA256"
check_sha "$SRC_SERIF" "$SRC_SERIF_SHA256"
check_sha "$SRC_TITLE" "$SRC_TITLE_SHA256"
check_sha "$SERIF_PKG/LICENSE_FONT" "$SRC_SERIF_OFL_SHA256"

# ---- character list ----------------------------------------------------------
cat > "$WORK/charset.py" <<'PY'
"""Write the requested code points (U+XXXX per line) and report coverage."""
import sys
import unicodedata
from fontTools.ttLib import TTFont

font_path, guifan_path, unicodes_out, missing_out, bold_out = sys.argv[1:6]
req = {}  # code point -> first group that asked for it


def add(cp, group):
    req.setdefault(cp, group)


for cp in range(0x20, 0x7F):
    add(cp, "ascii")
gb2312 = []
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            ch = bytes([hi, lo]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        assert len(ch) == 1
        gb2312.append(ord(ch))
        add(ord(ch), "gb2312")
# Python's gb2312 codec maps A1A4 -> U+30FB and A1AA -> U+2015; GBK/GB18030 (what real
# text and input methods use) map them to U+00B7 (the middle dot in names such as
# 阿依古丽·买买提) and U+2014. Add those decodings too.
gb18030_alt = []
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        b = bytes([hi, lo])
        try:
            b.decode("gb2312")
        except UnicodeDecodeError:
            continue
        cp = ord(b.decode("gb18030"))
        if cp not in gb2312:
            gb18030_alt.append(cp)
            add(cp, "gb2312-as-gb18030")
for cp in range(0x3000, 0x3040):
    add(cp, "cjk-symbols-punct")
for cp in range(0xFF00, 0xFFF0):
    add(cp, "halfwidth-fullwidth")
for cp in list(range(0x2010, 0x2028)) + list(range(0x2030, 0x205F)):
    add(cp, "general-punct")
form = [ord(c) for c in "☐☑✓✔×÷±℃°№※→←↑↓■□●○◆◇★☆"]
form += list(range(0x2460, 0x2474))  # ① – ⑳
form += list(range(0x2160, 0x216C))  # Ⅰ – Ⅻ
form += [ord(c) for c in "‰¥〇"]
for cp in form:
    add(cp, "form-symbols")

# The 通用规范汉字表 (2013): every character of names and places in today's use,
# 196 of them beyond the BMP (CJK Extensions B-F).
guifan = []
with open(guifan_path, encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        code, ch = line.rstrip("\n").split("\t")[:2]
        assert int(code[2:], 16) == ord(ch), line
        guifan.append(ord(ch))
        add(ord(ch), "tongyong-guifan-2013")
if len(guifan) != 8105 or len(set(guifan)) != 8105:
    sys.exit("the 通用规范汉字表 list does not hold 8,105 distinct characters")
# Bold sets headings and labels, which shenbao writes: it stops here. The
# serif Regular sets what applicants write, and takes every GBK character too (what Windows
# input methods and "ANSI" files can hold).
bold_req = dict(req)
gbk = []
for hi in range(0x81, 0xFF):
    for lo in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
        try:
            ch = bytes([hi, lo]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and not 0xE000 <= ord(ch) <= 0xF8FF:
            gbk.append(ord(ch))
            add(ord(ch), "gbk")

cmap = TTFont(font_path, lazy=True).getBestCmap()
assigned = [cp for cp in req if unicodedata.category(chr(cp)) != "Cn"]
with open(unicodes_out, "w") as f:
    for cp in sorted(assigned):
        f.write("U+%04X\n" % cp)
with open(bold_out, "w") as f:
    for cp in sorted(cp for cp in bold_req if unicodedata.category(chr(cp)) != "Cn"):
        f.write("U+%04X\n" % cp)

print("requested code points: %d (%d assigned in Unicode), present in font: %d"
      % (len(req), len(assigned), sum(cp in cmap for cp in assigned)))
groups = ["ascii", "gb2312", "gb2312-as-gb18030", "cjk-symbols-punct", "halfwidth-fullwidth", "general-punct", "form-symbols", "tongyong-guifan-2013", "gbk"]
ranges = {
    "ascii": range(0x20, 0x7F),
    "gb2312": gb2312,
    "gb2312-as-gb18030": gb18030_alt,
    "cjk-symbols-punct": range(0x3000, 0x3040),
    "halfwidth-fullwidth": range(0xFF00, 0xFFF0),
    "general-punct": list(range(0x2010, 0x2028)) + list(range(0x2030, 0x205F)),
    "form-symbols": form,
    "tongyong-guifan-2013": guifan,
    "gbk": gbk,
}
for g in groups:
    cps = list(ranges[g])
    un = [cp for cp in cps if unicodedata.category(chr(cp)) == "Cn"]
    print("  %-20s %5d code points, %3d unassigned, %5d present"
          % (g, len(cps), len(un), sum(cp in cmap for cp in cps)))
if len(gb2312) != 7445 or not all(cp in cmap for cp in gb2312):
    sys.exit("GB2312 is not fully covered (%d decoded)" % len(gb2312))
if not all(cp in cmap for cp in gb18030_alt):
    sys.exit("GB18030 decodings of GB2312 codes are not covered")
if not all(cp in cmap for cp in guifan):
    sys.exit("the 通用规范汉字表 is not fully covered")

missing = sorted(cp for cp in assigned if cp not in cmap)
with open(missing_out, "w") as f:
    f.write("# Requested code points (Unicode-assigned) that Noto Serif SC does not have.\n")
    f.write("# Generated by build-font-subset.sh; the subset fonts have no glyph for these.\n")
    for cp in missing:
        f.write("U+%04X\t%s\t%s\n" % (cp, req[cp], unicodedata.name(chr(cp), "?")))
print("missing (%d):" % len(missing))
for cp in missing:
    print("  U+%04X %s  %-20s %s" % (cp, chr(cp), req[cp], unicodedata.name(chr(cp), "?")))
PY
"$PY" "$WORK/charset.py" "$SRC_SERIF" "$SCRIPT_DIR/tongyong-guifan-2013.txt" \
    "$WORK/unicodes.txt" "$OUT/missing-codepoints.txt" "$WORK/unicodes-bold.txt"

# ---- subset -------------------------------------------------------------------
# Kept: cmap hmtx glyf loca head hhea maxp post name OS/2.
# Dropped: layout (GSUB GPOS GDEF BASE STAT), vertical-writing metrics (vhea
# vmtx), gasp, and hinting (the source has no glyph instructions anyway; prep).
# name: IDs 0-11, 13, 14 (copyright, names, version, trademark, designer,
# license description and URL) — the default would drop the license fields.
subset() {
    "$PY" -m fontTools.subset "$1" \
        --unicodes-file="$3" \
        --output-file="$2" \
        --no-hinting \
        --notdef-outline \
        --no-recalc-timestamp \
        --name-IDs=0,1,2,3,4,5,6,7,8,9,10,11,13,14 \
        --drop-tables+=GSUB,GPOS,GDEF,BASE,STAT,vhea,vmtx,gasp
}
log "subsetting the serif Regular (body)"
subset "$SRC_SERIF" "$OUT/NotoSerifSC-Regular.subset.ttf" "$WORK/unicodes.txt"
log "subsetting the sans Bold (headings)"
subset "$SRC_BOLD" "$OUT/NotoSansSC-Bold.subset.ttf" "$WORK/unicodes-bold.txt"
# The titles are shenbao's own fixed words (title-chars.txt): the serif Bold
# holds those characters and nothing else.
"$PY" - "$SCRIPT_DIR/title-chars.txt" "$WORK/unicodes-title.txt" <<'PY'
import sys
chars = set()
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.startswith("#"):
        chars.update(c for c in line.rstrip("\n") if c != " ")
open(sys.argv[2], "w").write("".join("U+%04X\n" % ord(c) for c in sorted(chars)))
PY
log "subsetting the serif Bold (titles)"
subset "$SRC_TITLE" "$OUT/NotoSerifSC-Bold.title.ttf" "$WORK/unicodes-title.txt"
cp "$PKG/LICENSE_FONT" "$OUT/OFL.txt"
cp "$SERIF_PKG/LICENSE_FONT" "$OUT/OFL-NotoSerifSC.txt"
chmod 644 "$OUT"/*.ttf "$OUT/OFL.txt" "$OUT/OFL-NotoSerifSC.txt" "$OUT/missing-codepoints.txt"

# ---- verify ---------------------------------------------------------------------
cat > "$WORK/verify.py" <<'PY'
import sys
from fontTools.ttLib import TTFont

want_tables = {"cmap", "hmtx", "glyf", "loca", "head", "hhea", "maxp", "post", "name", "OS/2"}
guifan = [int(l.split("\t")[0][2:], 16) for l in open(sys.argv[1], encoding="utf-8")
          if l.strip() and not l.startswith("#")]
pairs = [sys.argv[i:i + 2] for i in range(2, len(sys.argv), 2)]
gb2312 = []
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            gb2312.append(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
for src_path, out_path in pairs:
    src, f = TTFont(src_path, lazy=True), TTFont(out_path)
    tables = set(f.reader.tables)
    assert tables == want_tables, sorted(tables)
    assert "CFF " not in tables and f.sfntVersion == "\x00\x01\x00\x00"
    cmap = f.getBestCmap()
    n = sum(cp in cmap for cp in gb2312)
    assert n == len(gb2312) == 7445, n
    for t in ("created", "modified"):
        assert getattr(f["head"], t) == getattr(src["head"], t), t
    h, o, hd = f["hhea"], f["OS/2"], f["head"]
    for a in ("ascent", "descent", "lineGap"):
        assert getattr(h, a) == getattr(src["hhea"], a), a
    for a in ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"):
        assert getattr(o, a) == getattr(src["OS/2"], a), a
    assert 0xB7 in cmap and 0x2014 in cmap
    assert all(cp in cmap for cp in guifan), "通用规范汉字表 not covered"
    probe = " ".join("%s:%s" % (c, "yes" if ord(c) in cmap else "NO") for c in "申报书盖章☐☑✓✔□·")
    print("%s: %d glyphs, %d cmap entries, GB2312 %d/%d; %s"
          % (out_path.rsplit("/", 1)[-1], f["maxp"].numGlyphs, len(cmap), n, len(gb2312), probe))
    print("  unitsPerEm %d; hhea ascender %d descender %d lineGap %d; "
          "OS/2 typo ascender %d descender %d lineGap %d; win ascent %d descent %d; "
          "capHeight %d xHeight %d; bbox %d %d %d %d"
          % (hd.unitsPerEm, h.ascent, h.descent, h.lineGap, o.sTypoAscender, o.sTypoDescender,
             o.sTypoLineGap, o.usWinAscent, o.usWinDescent, o.sCapHeight, o.sxHeight,
             hd.xMin, hd.yMin, hd.xMax, hd.yMax))
PY
"$PY" "$WORK/verify.py" "$SCRIPT_DIR/tongyong-guifan-2013.txt" \
    "$SRC_SERIF" "$OUT/NotoSerifSC-Regular.subset.ttf" \
    "$SRC_BOLD" "$OUT/NotoSansSC-Bold.subset.ttf"

OUTPUTS="NotoSerifSC-Regular.subset.ttf NotoSansSC-Bold.subset.ttf NotoSerifSC-Bold.title.ttf OFL.txt OFL-NotoSerifSC.txt missing-codepoints.txt"
log "outputs ($NPM_PKG and $NPM_SERIF_PKG @$NPM_VERSION, fontTools $FONTTOOLS_VERSION)"
for f in $OUTPUTS; do
    printf '%10d  %s  %s\n' "$(stat -c %s "$OUT/$f")" "$(sha256sum "$OUT/$f" | cut -d' ' -f1)" "$f"
done

if [ "$CHECK" = 1 ]; then
    status=0
    for f in $OUTPUTS; do
        if cmp -s "$OUT/$f" "$SCRIPT_DIR/$f"; then
            echo "same:    $f"
        else
            echo "DIFFERS: $f"
            status=1
        fi
    done
    exit "$status"
fi
