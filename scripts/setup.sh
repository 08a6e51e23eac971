#!/usr/bin/env bash
# Set up everything the generator needs on a fresh Debian machine:
# system packages (CJK fonts for charts and PDF; Chromium and poppler for the tests) and a
# Python virtual environment in .venv with the pinned packages.
#   bash scripts/setup.sh          site building
#   bash scripts/setup.sh --test   site building and the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

packages=(fonts-noto-cjk fonts-hanazono fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
[ $want_tests = 1 ] && packages+=(chromium poppler-utils)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "安装系统软件包：${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "请先安装系统软件包：${missing[*]}（需要管理员权限：sudo apt-get install ${missing[*]}）" >&2
    exit 1
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
extra=""
[ $want_tests = 1 ] && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
if [ $want_tests = 1 ]; then
  (cd tests/a11y && npm ci --no-audit --no-fund --loglevel=error)   # axe-core for the accessibility tests
fi
echo "环境已就绪（.venv）。"
