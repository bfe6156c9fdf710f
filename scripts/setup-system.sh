#!/usr/bin/env bash
# Installs the Debian packages that `npm start` and the end-to-end tests need and the machine lacks.
# Idempotent: checks first, and calls apt-get only when something is missing.
#   chromium            the browser playwright-core drives (it downloads none itself)
#   fonts-wqy-microhei  a CJK font, or screenshots show boxes instead of Chinese
#   libkrb5-dev         gssapi/gssapi.h, for code-server's `kerberos` native module
#   libreoffice-writer-nogui  soffice, which makes the .doc/.odt/.rtf/.pdf/.html of the format tests
#   pkg-config          used by the native modules' build scripts
#   ripgrep             /usr/bin/rg stands in for @vscode/ripgrep's download from GitHub
#   build-essential python3   node-gyp builds argon2, node-pty, kerberos… from source
#   libreoffice-writer-nogui poppler-utils   the export integration tests render the .docx (soffice → PDF,
#                       pdfinfo/pdftotext/pdftoppm)
#   fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-liberation2   free stand-ins for 宋/仿宋, 楷 and
#                       Times New Roman in those renders (test/integration/fonts.conf maps the names)
set -euo pipefail

packages=(chromium fonts-wqy-microhei libkrb5-dev pkg-config ripgrep build-essential python3
  libreoffice-writer-nogui poppler-utils fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-liberation2)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all present (${packages[*]})"
  exit 0
fi

echo "setup-system: missing ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: must run as root to install them: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup-system: apt-get update"
apt-get update
echo "setup-system: apt-get install -y --no-install-recommends ${missing[*]}"
apt-get install -y --no-install-recommends "${missing[@]}"
echo "setup-system: done"
