#!/usr/bin/env bash
# Installs what `npm start` and the end-to-end tests need from Debian and the machine lacks — and only
# that: each need is checked by what it provides (a command, a header, a font), a package is asked for
# only when its need is unmet, and nothing already installed is ever upgraded.
#   chromium            /usr/bin/chromium, the browser playwright-core drives (it downloads none itself)
#   fonts-wqy-microhei  a CJK font, or screenshots show boxes instead of Chinese
#   libkrb5-dev         gssapi/gssapi.h, for code-server's `kerberos` native module
#   pkg-config          used by the native modules' build scripts
#   ripgrep             /usr/bin/rg stands in for @vscode/ripgrep's download from GitHub
#   build-essential     g++ and make: node-gyp builds argon2, node-pty, kerberos… from source
#   python3             node-gyp
#
# When installing a missing package would upgrade packages the machine already has (a newer library it
# depends on), nothing is installed: the upgrades are listed, and installing them stays the
# administrator's decision (sudo apt-get install <packages>, then run this again).
set -euo pipefail

has() { command -v "$1" >/dev/null 2>&1; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
{ has fc-list && [ -n "$(fc-list ':lang=zh' family 2>/dev/null)" ]; } || missing+=(fonts-wqy-microhei)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
has pkg-config || missing+=(pkg-config)
[ -x /usr/bin/rg ] || missing+=(ripgrep)
{ has g++ && has make; } || missing+=(build-essential)
has python3 || missing+=(python3)

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: nothing missing (chromium, a CJK font, gssapi.h, pkg-config, rg, g++ and make, python3)"
  exit 0
fi

echo "setup-system: missing ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: must run as root to install them: sudo bash scripts/setup-system.sh" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup-system: apt-get update"
apt-get update -qq
# A dry run first: an "Inst name [installed version] (new version …)" line is an upgrade.
upgrades=$(apt-get install -s --no-install-recommends --no-upgrade "${missing[@]}" | sed -n 's/^Inst \([^ ]*\) \[\([^]]*\)\].*/\1 (\2)/p')
if [ -n "$upgrades" ]; then
  echo "setup-system: installing ${missing[*]} would upgrade packages this machine has:" >&2
  echo "$upgrades" | sed 's/^/  /' >&2
  echo "setup-system: nothing was installed. To accept the upgrades: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "setup-system: apt-get install --no-install-recommends --no-upgrade ${missing[*]}"
apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}"
echo "setup-system: done"
