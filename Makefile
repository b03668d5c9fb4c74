# Khối — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 4

# A Python >= 3.12 (Django 6 needs it): the one .python-version selects through pyenv, else the
# newest python3.1x on PATH.
PYTHON_CANDIDATES := python3.14 python3.13 python3.12 python3
find_python = $(shell for p in $(PYTHON_CANDIDATES); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then \
	command -v $$p; break; fi; done)

.PHONY: help run demo setup serve serve-prod test lint format messages check-python clean bench backup restore prod-smoke

help:
	@echo "make run        set up (.venv, dependencies, database, demo bloc) and serve on http://$(HOST):$(PORT)"
	@echo "make demo       the same set-up without serving"
	@echo "make setup      an empty bloc of your own instead of the demo (asks its name, place, signer …), then: make serve"
	@echo "make serve      serve what the database holds (no demo loaded)"
	@echo "make test       the whole test suite, ruff and mypy"
	@echo "make lint       ruff (lint + format check), mypy and the layer contracts (import-linter)"
	@echo "make serve-prod granian with $(WORKERS) workers (needs DATABASE_URL, REDIS_URL, SECRET_KEY)"
	@echo "make backup     the database and uploaded files into var/backups/khoi-*.tar (BACKUP_DIR=…)"
	@echo "make restore FILE=var/backups/khoi-….tar   replace the database and uploaded files with a backup's"
	@echo "make prod-smoke nginx, both app pools, worker and scheduler on throwaway PostgreSQL and Redis, with faults"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@PYTHON="$(find_python)"; \
	if [ -z "$$PYTHON" ]; then \
	  echo "Khối needs Python 3.12 or newer (Django 6). None was found on PATH."; \
	  echo "Install python3.12 or python3.13 (e.g. apt install python3.12 python3.12-venv, or pyenv install 3.12)."; \
	  exit 1; \
	fi; \
	echo "Using $$PYTHON ($$($$PYTHON --version))"; \
	[ -x $(PY) ] || $$PYTHON -m venv $(VENV) || { echo "Could not create a virtualenv: install the venv module (e.g. apt install python3.12-venv)."; exit 1; }
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

compile-messages: $(VENV)/.installed
	@for dir in locale khoi/*/locale; do \
	  if [ -d $$dir ]; then $(VENV)/bin/pybabel -q compile -D django -d $$dir || exit 1; fi; \
	done

demo: $(VENV)/.installed compile-messages
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

# An empty bloc of one's own (no demo): asks for what it needs, or takes options through ARGS,
# e.g. make setup ARGS="--no-input --name '…' --short-name ĐUK …" (see manage.py setup_bloc --help).
setup: $(VENV)/.installed compile-messages
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_bloc $(ARGS)

serve: $(VENV)/.installed compile-messages
	@mkdir -p var
	$(MANAGE) migrate --noinput
	KHOI_ADDR=$(HOST):$(PORT) $(VENV)/bin/honcho --no-colour -f Procfile start

run: demo
	@echo ""
	@echo "  Khối is running at http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password: khoi-demo-2021): admin, vanphong, bantochuc, tuyengiao, kiemtra, lanhdao, baocao.dv001 … baocao.dv095"
	@echo ""
	@echo "  With it: the task worker (long documents) and the periodic jobs. Ctrl-C stops all three."
	@echo ""
	KHOI_ADDR=$(HOST):$(PORT) $(VENV)/bin/honcho --no-colour -f Procfile start

serve-prod: $(VENV)/.installed compile-messages
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) collectstatic --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/granian config.wsgi:application \
	  --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) --blocking-threads 4 \
	  --backlog 2048 --respawn-failed-workers

BACKUP_DIR ?= var/backups

backup: $(VENV)/.installed
	$(MANAGE) backup --dir $(BACKUP_DIR)

restore: $(VENV)/.installed
	@if [ -z "$(FILE)" ]; then echo "Usage: make restore FILE=var/backups/khoi-YYYYMMDD-HHMMSS.tar"; exit 2; fi
	$(MANAGE) restore $(FILE)

# The production layout on this machine (needs nginx, PostgreSQL's server programs and redis-server).
prod-smoke: $(VENV)/.installed compile-messages
	$(PY) scripts/prod_smoke.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy config khoi bench conftest.py
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The suite runs on every core (pytest-xdist); a module's tests stay on one worker, so a demo bloc
# loaded for a module is loaded once. TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto
TEST_LINT ?= yes
test: $(VENV)/.installed compile-messages
	$(MANAGE) makemigrations --check --dry-run --settings=config.settings.test
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadscope
	@if [ "$(TEST_LINT)" = "yes" ]; then $(MAKE) lint; fi

# Regenerate the gettext catalogues of every app (needs GNU gettext's xgettext).
messages: $(VENV)/.installed
	@for app in khoi/*/; do \
	  if [ -d $$app/locale ]; then (cd $$app && ../../$(VENV)/bin/django-admin makemessages -l vi -l en --no-obsolete >/dev/null); fi; \
	done
	cd . && $(VENV)/bin/django-admin makemessages -l vi -l en --no-obsolete -i 'khoi/*' -i '.venv/*' >/dev/null

clean:
	rm -rf $(VENV) var staticfiles .mypy_cache .ruff_cache .pytest_cache
