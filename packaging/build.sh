#!/usr/bin/env bash
# One command for the Linux one-folder app: packaging/build.sh -> dist/kasir/kasir (and everything beside it).
# Uses the project's .venv (made when missing), installs Kasir with its [build] extra (PyInstaller), then runs
# PyInstaller on packaging/kasir.spec — the same spec packaging/build.ps1 uses on Windows.
# Ship it as a tarball: tar -C dist -czf kasir-linux-x86_64.tar.gz kasir
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
if [ ! -x "$python" ]; then
  python3 -m venv .venv
  python=.venv/bin/python
fi
"$python" -m pip install -q -e '.[build]'
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/kasir.spec
echo "+ dist/kasir built in $(( $(date +%s) - start )) s, $(du -sh dist/kasir | cut -f1)"
