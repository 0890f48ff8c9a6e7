# The two commands of the README:
#   make demo   set up, then write the workbooks into out/
#   make test   set up (LibreOffice included), then run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup setup-test libreoffice bench templates

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

setup-test: $(BIN)/python libreoffice
	$(BIN)/python -m pip install --quiet -e '.[test]'

libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	    || ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import uno" 2>/dev/null; }; then \
	  echo "Installing LibreOffice (headless, with its Python bridge) and poppler-utils"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libreoffice-calc-nogui python3-uno poppler-utils >/dev/null; \
	fi

demo: setup
	$(BIN)/bcm-excel demo out

test: setup-test
	$(BIN)/python -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

bench: setup-test
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

templates: setup
	$(BIN)/bcm-excel templates workbook_templates
