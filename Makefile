# Quick start: `make site` builds the demo site into site/; `make test` runs the whole suite.
# Everything the project needs is installed from here, on a fresh Debian machine with Python 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# root installs system packages directly; anyone else goes through sudo
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test check serve clean system-deps fonts bench print print-deps

site: $(VENV)/.installed fonts
	$(BIN)/brandsite build

check: $(VENV)/.installed
	$(BIN)/brandsite check

# the demo's posters, counter cards, booklets and certificates as PDF, into exports/print/
print: $(VENV)/.installed fonts print-deps
	$(BIN)/brandsite export print

AXE := tests/node_modules/axe-core/axe.min.js

test: $(VENV)/.test-installed system-deps print-deps $(AXE)
	$(BIN)/python -m pytest -q -n auto --dist loadfile

serve: $(VENV)/.installed
	$(BIN)/brandsite serve

# Benchmarks on synthetic sites (see developers/benchmarks.md); minutes, not seconds.
bench: $(VENV)/.bench-installed system-deps
	$(BIN)/python benches/run.py --sizes 100,1000 --runs 3 --search --serve --memory
	$(BIN)/python benches/engines.py --size 1000 --runs 2

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.bench-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $(VENV)/.installed $(VENV)/.test-installed $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

# axe-core from the npm registry, injected into pages by the accessibility tests
$(AXE): tests/package.json tests/package-lock.json
	@command -v npm >/dev/null || { echo "安装 Node.js 和 npm（apt-get）…"; $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
	cd tests && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (a test tool's own browser download does not work
# here), a CJK font so screenshots and covers show Chinese, not boxes; OpenSSH's server and rsync for
# the deploy tests, which start their own sshd (deploying over SSH needs only the client and rsync); and for
# the print tests poppler-utils (pdftoppm renders PDF pages) and zbar-tools (zbarimg reads QR codes).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q . || [ ! -x /usr/sbin/sshd ] || \
	    ! command -v rsync >/dev/null || ! command -v ssh >/dev/null || \
	    ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null; then \
		echo "安装 Chromium、中文字体、OpenSSH、rsync、pdftoppm 和 zbarimg（apt-get）…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk \
			openssh-client openssh-server rsync poppler-utils zbar-tools >/dev/null; \
	fi

# a CJK font for covers, thumbnails and new brands' emblems drawn with Pillow
fonts:
	@fc-list :lang=zh 2>/dev/null | grep -q . || { echo "安装中文字体（apt-get）…"; $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends fonts-noto-cjk fontconfig >/dev/null; }

# Pango, which lays out the printed pages (WeasyPrint calls it)
print-deps:
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || { echo "安装 Pango（apt-get）…"; $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

clean:
	rm -rf site .brandsite .pytest_cache tests/node_modules
