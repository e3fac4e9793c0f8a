# Sourced by the scripts that need Debian packages: apt_install PACKAGE...
# installs them (as root, or with sudo), quietly.
apt_install() {
  [ $# -gt 0 ] || return 0
  echo "installing $* (Debian packages; needs root or sudo)" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
