#!/usr/bin/env bash
# The smoke suite of a built binary, as a user on that platform runs it:
#
#   bash scripts/smoke.sh BINARY [REFERENCE]
#
# BINARY is the shenbao to try: a native binary, or a Windows .exe, which is
# run under wine. REFERENCE, when given, is a native binary of the same commit:
# forms must then be byte-identical to its forms. Everything happens in a
# fresh folder, with relative paths (so a Windows .exe under wine sees the
# same paths) and Chinese folder and file names.
#
# Covers: validate on every example (exit 0 and 1), form (byte-identical to
# REFERENCE), keygen --no-password, package, verify, intake and recommend,
# exit code 2, Chinese names, a GBK file, CRLF line ends, an attachment path
# written with \, the language from the locale, one separator style in paths,
# and (for the .exe) the first run of a clerk: a double click and a drop.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ref="${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}"
windows=0
case "$bin" in *.exe) windows=1 ;; esac
# On Windows itself (the release workflow's runner) the exe runs directly.
native_windows=0
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) native_windows=1 ;; esac

work="$(mktemp -d "${TMPDIR:-/tmp}/shenbao-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
cp -r "$repo/examples" examples
export SHENBAO_AS_OF=2021-03-25 NO_COLOR=1
unset SHENBAO_LANG
failures=0
checks=0

if [ "$windows" = 1 ] && [ "$native_windows" = 1 ]; then
  run() { "$bin" "$@"; }
elif [ "$windows" = 1 ]; then
  # Wine 8 lacks bcryptprimitives.dll: the test-only shim goes beside the exe.
  [ -f "$(dirname "$bin")/bcryptprimitives.dll" ] ||
    { echo "smoke: build the shim first (scripts/windows/build-shim.sh DIR)" >&2; exit 2; }
  export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-$HOME/.wine-shenbao}"
  run() { wine "$bin" "$@"; }
else
  run() { "$bin" "$@"; }
fi

# expect STATUS DESCRIPTION -- ARGS...: run, keep the output in $out, check the status.
expect() {
  local want="$1" what="$2"
  shift 3
  local status=0
  out="$(run "$@" 2>&1 </dev/null)" || status=$?
  checks=$((checks + 1))
  if [ "$status" != "$want" ]; then
    failures=$((failures + 1))
    printf 'FAIL %s: exit %s, expected %s\n%s\n' "$what" "$status" "$want" "$out" | head -40
  else
    printf 'ok   %s\n' "$what"
  fi
}

# contains DESCRIPTION TEXT: the last output holds TEXT.
contains() {
  checks=$((checks + 1))
  if printf '%s' "$out" | grep -qF -- "$2"; then
    printf 'ok   %s\n' "$1"
  else
    failures=$((failures + 1))
    printf 'FAIL %s: no "%s" in\n%s\n' "$1" "$2" "$out" | head -40
  fi
}

# exited DESCRIPTION WANT: the last run's $status is WANT.
exited() {
  checks=$((checks + 1))
  if [ "$status" = "$2" ]; then
    printf 'ok   %s\n' "$1"
  else
    failures=$((failures + 1))
    printf 'FAIL %s: exit %s, expected %s\n' "$1" "$status" "$2"
  fi
}

same_file() {
  checks=$((checks + 1))
  if cmp -s "$2" "$3"; then
    printf 'ok   %s\n' "$1"
  else
    failures=$((failures + 1))
    printf 'FAIL %s: %s and %s differ\n' "$1" "$2" "$3"
  fi
}

expect 0 "--version" -- --version
contains "--version names the tool" "shenbao"

# Every example: the passing ones pass, the failing ones report problems.
for dir in examples/*/; do
  name="$(basename "$dir")"
  [ "$name" = failing ] && continue
  expect 0 "validate $name" -- validate --lang en "examples/$name"
  expect 0 "form $name" -- form "examples/$name" -o "form-$name.pdf"
  if [ -n "$ref" ]; then
    "$ref" form "examples/$name" -o "ref-$name.pdf" >/dev/null 2>&1
    same_file "form $name is byte-identical to the reference's" "form-$name.pdf" "ref-$name.pdf"
  fi
done
for dir in examples/failing/*/; do
  name="$(basename "$dir")"
  want=1
  [ -n "$ref" ] && { want=0; "$ref" validate "examples/failing/$name" >/dev/null 2>&1 || want=$?; }
  expect "$want" "validate failing/$name" -- validate "examples/failing/$name"
done

# One separator style in paths: a path typed with / is shown as the platform writes it.
expect 0 "a path is shown with one separator style" -- validate --lang en examples/thermal-screening-robot
if [ "$windows" = 1 ]; then
  contains "Windows paths use \\" 'examples\thermal-screening-robot\shenbao.yaml'
else
  contains "paths use /" 'examples/thermal-screening-robot/shenbao.yaml'
fi

# Chinese folder and file names, from key to recommendation.
cp -r examples/thermal-screening-robot "申报 材料"
expect 0 "validate a Chinese folder name" -- validate "申报 材料"
mkdir -p 钥匙 收件箱
expect 0 "keygen --no-password" -- keygen --no-password -o 钥匙/申报单位
expect 0 "keygen for the office" -- keygen --no-password -o 钥匙/推荐单位
expect 0 "package into a Chinese file name" -- package --key 钥匙/申报单位.key -o 收件箱/测温机器人.zip "申报 材料"
expect 0 "verify" -- verify --trusted-key 钥匙/申报单位.pub 收件箱/测温机器人.zip
expect 0 "intake" -- intake --office 江苏省 --trusted-key 钥匙/申报单位.pub --pdf 汇总表.pdf --csv 汇总表.csv 收件箱
[ -s 汇总表.pdf ] && [ -s 汇总表.csv ] || { failures=$((failures + 1)); echo "FAIL intake wrote no table"; }
expect 0 "recommend" -- recommend --office 江苏省 --issuer 江苏省工业和信息化厅 --key 钥匙/推荐单位.key \
  --trusted-key 钥匙/申报单位.pub -o 推荐材料包.zip 收件箱
[ -s 推荐材料包.zip ] || { failures=$((failures + 1)); echo "FAIL recommend wrote no bundle"; }

# Exit code 2: nothing to check.
expect 2 "a missing path cannot run" -- validate 不存在的文件夹

# A GBK file (Notepad's "ANSI" on a Chinese PC): named, then read with --encoding auto.
cp -r examples/thermal-screening-robot gbk
iconv -f UTF-8 -t GBK examples/thermal-screening-robot/shenbao.yaml > gbk/shenbao.yaml
expect 1 "a GBK file is reported" -- validate --lang en gbk
contains "the report names GBK" "GB"
expect 0 "a GBK file is read with --encoding auto" -- validate --encoding auto gbk

# CRLF line ends (Windows editors).
cp -r examples/thermal-screening-robot crlf
awk '{ printf "%s\r\n", $0 }' examples/thermal-screening-robot/shenbao.yaml > crlf/shenbao.yaml
expect 0 "CRLF line ends" -- validate crlf

# An attachment path written with \ gets a coded message.
cp -r examples/thermal-screening-robot backslash
sed 's#path: attachments/#path: attachments\\#' examples/thermal-screening-robot/shenbao.yaml > backslash/shenbao.yaml
expect 1 "an attachment path with \\ is reported" -- validate --lang en backslash
contains "with its code" "T007"
contains "and the reason" "backslash"

# The language comes from the locale: Chinese on a Chinese system. Under
# wine, the Windows user locale is set from LANG (the locale must exist:
# scripts/platforms.sh generates zh_CN.UTF-8); the exe reads the Windows
# locale, not the variable, which wine passes on too.
locale_run() { # LOCALE ARGS...: run BINARY under that locale
  local locale="$1"
  shift
  if [ "$windows" = 1 ] && [ "$native_windows" = 0 ]; then
    env -u LC_ALL -u LC_MESSAGES LANG="$locale" wine "$bin" "$@"
  else
    env -u LC_ALL -u LC_MESSAGES LANG="$locale" "$bin" "$@"
  fi
}
if [ "$native_windows" = 0 ]; then
  out="$(locale_run zh_CN.UTF-8 validate examples/failing/schema-errors 2>&1 </dev/null)" || true
  contains "Chinese from the locale" "未知字段"
  out="$(locale_run en_US.UTF-8 validate examples/failing/schema-errors 2>&1 </dev/null)" || true
  contains "English from the locale" "unknown field"
fi

# The first run of a clerk (Windows). Under a pseudo-terminal, wine gives the
# exe a console of its own, as Explorer does: the real detection runs. Enter
# comes through the terminal. Then, standing for that console with
# SHENBAO_LAUNCH, standard input a pipe and closed: the wait ends either way.
if [ "$windows" = 1 ] && [ "$native_windows" = 0 ]; then
  clerk() { # ARGS...: run the exe in its own console, Enter after 3 s
    (sleep 3; printf '\r\n') | env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 \
      script -qec "wine '$bin' $*" /dev/null 2>&1
  }
  status=0
  out="$(clerk)" || status=$?
  contains "a double click explains the tool" "这是一个命令行程序"
  contains "and waits for Enter" "按回车键关闭此窗口"
  exited "Enter closes it" 0
  status=0
  out="$(clerk examples/failing/schema-errors)" || status=$?
  contains "a dropped folder is validated" "S003"
  contains "and the window waits" "按回车键关闭此窗口"
  exited "a dropped failing folder exits 1" 1
  status=0
  out="$(printf '\r\n' | SHENBAO_LAUNCH=explorer SHENBAO_LANG=zh wine "$bin" 2>&1)" || status=$?
  contains "Enter from a pipe ends the wait" "按回车键关闭此窗口"
  status=0
  out="$(SHENBAO_LAUNCH=explorer SHENBAO_LANG=zh wine "$bin" examples/thermal-screening-robot 2>&1 </dev/null)" || status=$?
  contains "with standard input closed the wait ends too" "按回车键关闭此窗口"
  exited "a dropped passing folder exits 0" 0
  # Started from a terminal (here: no console of its own), the command line as usual.
  expect 2 "without its own console, no arguments is a usage error" --
fi

echo "smoke: $((checks - failures)) of $checks checks passed ($(basename "$bin"))"
[ "$failures" = 0 ]
