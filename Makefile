# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
# Tests run against PostgreSQL (DATABASE_URL, default: the local server) and Redis.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gfmd
DEFAULT_TEST_REDIS_URL := redis://127.0.0.1:6379/15

.PHONY: run test install messages lint format schema worker clean bench faults backup restore fuzz

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# WeasyPrint's system libraries (Pango, HarfBuzz, fonts) from Debian when missing.
install: $(VENV)/.installed
	scripts/ensure-pdf

# Compiled catalogues (.mo) are built here, never committed (docs/i18n.md).
messages: install
	scripts/ensure-gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

# Demo emails go to files under var/mail/ (not hundreds of lines on the console); the
# banner printed by load_demo names the URLs, the logins and where the emails went.
run: export EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
# The recipe's commands are not echoed: the banner says what is running (under 40 lines).
run: install messages
	@mkdir -p var/static var/mail
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py load_demo
	@$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: export DATABASE_URL ?= $(TEST_DATABASE_URL)
test: export TEST_REDIS_URL ?= $(DEFAULT_TEST_REDIS_URL)
test: export DB_CONN_MAX_AGE := 0
# Cache compiled bytecode even where the environment turns it off: pytest's assertion
# rewriting and every manage.py, gunicorn and Celery subprocess would recompile the project.
test: export PYTHONDONTWRITEBYTECODE :=
test: install messages
	scripts/ensure-services
	scripts/ensure-browser
	$(VENV)/bin/ruff check .
	mkdir -p var/static
	$(PY) manage.py spectacular --validate --fail-on-warn --file var/openapi.yaml
	@cmp -s docs/openapi.yaml var/openapi.yaml || { \
	  echo "docs/openapi.yaml is out of date: run 'make schema' and commit it."; exit 1; }
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmark against a raw baseline, and bounded fault runs (docs/performance.md).
bench: install
	benchmarks/run

faults: install
	benchmarks/faults/run

# Schemathesis, all phases and checks, as anonymous, staff and partner, against gunicorn
# with production settings; fails on any 5xx or schema violation (docs/api.md, ~20 min).
fuzz: install
	scripts/fuzz

# A Celery worker against a real broker (set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0).
worker: install
	$(VENV)/bin/celery -A gfmd worker --loglevel=INFO --queues=gfmd --beat

# Backups (docs/operations.md): a dump, the uploaded files and a manifest with checksums.
BACKUP_DIR ?= var/backups
backup: install
	$(PY) manage.py backup --output "$(BACKUP_DIR)"

# Into the empty database of DATABASE_URL and the empty MEDIA_ROOT, then checked.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/gfmd-backup-<time>"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

# Integer bounds in the schema come from the database backend: always PostgreSQL's.
schema: install
	DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) manage.py spectacular --file docs/openapi.yaml --validate

clean:
	rm -rf var .pytest_cache
