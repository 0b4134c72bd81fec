#!/usr/bin/env bash
# Install everything the tests need (LibreOffice included) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
# LibreOffice Calc and its Python bridge (the round-trip tests drive it over UNO)
if ! command -v soffice >/dev/null 2>&1 || ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libreoffice-calc-nogui \
    python3-uno libreoffice-script-provider-python >/dev/null
fi
python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test]"
# the committed workbooks are what the build makes, and their formulas agree with the
# core under both headless engines
xlpokja build --check
xlpokja check workbooks/*.xlsm --engine both
python -m pytest -q -p no:cacheprovider
