#!/usr/bin/env bash
# Installs what `npm start` and the end-to-end tests need from Debian and the machine lacks — and only
# that: each need is checked by what it provides (a command, a header, a font), a package is asked for
# only when its need is unmet, and nothing already installed is ever upgraded.
#   chromium            /usr/bin/chromium, the browser playwright-core drives (it downloads none itself)
#   fonts-wqy-microhei  a CJK font, or screenshots show boxes instead of Chinese
#   libkrb5-dev         gssapi/gssapi.h, for code-server's `kerberos` native module
#   libreoffice-writer-nogui  soffice, which makes the .doc/.odt/.rtf/.pdf/.html of the format tests
#   pkg-config          used by the native modules' build scripts
#   ripgrep             /usr/bin/rg stands in for @vscode/ripgrep's download from GitHub
#   build-essential     g++ and make: node-gyp builds argon2, node-pty, kerberos… from source
#   python3             node-gyp
#   poppler-utils       pdfinfo/pdftotext/pdftoppm: the export integration tests render the .docx (soffice → PDF → PNG)
#   fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-liberation2   free stand-ins for 宋/仿宋, 楷 and
#                       Times New Roman in those renders (test/integration/fonts.conf maps the names)
#
# Packages already installed are never upgraded (--no-upgrade). Only when a missing package needs a newer
# version of a library the machine has does apt upgrade that library; the script lists such upgrades
# before it installs.
set -euo pipefail

has() { command -v "$1" >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
{ has fc-list && [ -n "$(fc-list ':lang=zh' family 2>/dev/null)" ]; } || missing+=(fonts-wqy-microhei)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
has pkg-config || missing+=(pkg-config)
[ -x /usr/bin/rg ] || missing+=(ripgrep)
{ has g++ && has make; } || missing+=(build-essential)
has python3 || missing+=(python3)
has soffice || missing+=(libreoffice-writer-nogui)
{ has pdfinfo && has pdftotext && has pdftoppm; } || missing+=(poppler-utils)
for font in fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-liberation2; do installed "$font" || missing+=("$font"); done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: nothing missing (chromium, a CJK font, gssapi.h, pkg-config, rg, g++ and make, python3, soffice, poppler, the render fonts)"
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
  echo "setup-system: apt needs these upgrades for ${missing[*]} (nothing else is upgraded):"
  echo "$upgrades" | sed 's/^/  /'
fi
echo "setup-system: apt-get install --no-install-recommends --no-upgrade ${missing[*]}"
apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}"
echo "setup-system: done"
