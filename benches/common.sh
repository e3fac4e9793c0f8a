# Shared by the benchmark scripts: `source "$ROOT/benches/common.sh"`.

say() { printf '\n== %s\n' "$*" >&2; }

# Install a Debian package when its command is missing: need_apt COMMAND PACKAGE
need_apt() {
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing $2 (apt-get)"
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
    $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$2" >/dev/null
}
