#!/bin/sh
# Print the path of a Python 3.10 interpreter, or explain what to install and fail.
# Order: $PYTHON, python3.10 on PATH, pyenv's installed 3.10.x.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }
if [ -n "$PYTHON" ]; then
  if ok "$PYTHON"; then command -v "$PYTHON" || echo "$PYTHON"; exit 0; fi
  echo "PYTHON=$PYTHON is not a working Python 3.10." >&2; exit 1
fi
if command -v python3.10 >/dev/null 2>&1 && ok python3.10; then
  python3.10 -c 'import sys; print(sys.executable)'; exit 0
fi
for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10; do
  if [ -x "$p" ] && ok "$p"; then echo "$p"; exit 0; fi
done
{
  echo "Careers Inspection Coach needs Python 3.10 (Rasa Open Source 3.6 supports Python below 3.11)."
  echo "None was found. Install one of:"
  echo "  - pyenv:   pyenv install 3.10.13"
  echo "  - Debian/Ubuntu (deadsnakes): apt-get install python3.10 python3.10-venv"
  echo "or point the Makefile at one:  make run PYTHON=/path/to/python3.10"
} >&2
exit 1
