#!/usr/bin/env bash
# Generated PDFs (gonghui/documents) embed a Chinese TrueType font: reportlab reads TrueType
# outlines only, so Debian's WenQuanYi Zen Hei (a TTC) is used, not Noto CJK (CFF outlines).
# pdftoppm (poppler-utils) renders a page to PNG in the documents tests, and zbarimg
# (zbar-tools) reads the QR printed on it back.
set -euo pipefail
FONT=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
if [ -f "$FONT" ] && command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "The PDF font is missing; run as root: apt-get install -y fonts-wqy-zenhei poppler-utils zbar-tools" >&2
  exit 1
fi
echo "Installing Debian's fonts-wqy-zenhei, poppler-utils and zbar-tools for generated PDFs..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq fonts-wqy-zenhei poppler-utils zbar-tools >/dev/null
