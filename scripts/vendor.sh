#!/usr/bin/env bash
# Refresh static/vendor/ from the npm registry at the versions package.json pins.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --ignore-scripts --no-package-lock >/dev/null
out=static/vendor
rm -rf "$out" && mkdir -p "$out"/{bootstrap,bootstrap-icons,weui,htmx,echarts,redoc,js-sha256,jsqr}
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$out/bootstrap/"
cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$out/bootstrap-icons/"
cp -r node_modules/bootstrap-icons/font/fonts "$out/bootstrap-icons/"
cp node_modules/weui/dist/style/weui.min.css "$out/weui/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/echarts/dist/echarts.min.js "$out/echarts/"
mkdir -p "$out/redoc/bundles" && cp node_modules/redoc/bundles/redoc.standalone.js "$out/redoc/bundles/"
# SHA-256 for the fair draw's verification page (Web Crypto is absent on plain-HTTP intranets).
cp node_modules/js-sha256/build/sha256.min.js "$out/js-sha256/"
# QR reading from the phone camera (check-in and voucher scanning pages).
cp node_modules/jsqr/dist/jsQR.js "$out/jsqr/"
for pkg in bootstrap bootstrap-icons weui htmx.org echarts redoc js-sha256 jsqr; do
  v=$(node -p "require('./node_modules/$pkg/package.json').version")
  lic=$(ls node_modules/$pkg | grep -i -m1 '^licen[cs]e' || true)
  dir=$out/${pkg%.org}
  [ -n "$lic" ] && cp "node_modules/$pkg/$lic" "$dir/LICENSE"
  echo "$pkg@$v" >"$dir/VERSION"
done
echo "vendored into $out"
