# The two commands of the README:
#   make run    set up and run the portal with demo data at http://127.0.0.1:8000
#   make test   set up and run the whole test suite (and the linter)
# Both create .venv and install the pinned requirements themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint setup setup-dev migrate seed worker beat clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		(echo "Python 3.11 or newer is needed (set PYTHON=python3.x)"; exit 1)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

run: export DEBUG ?= true
run: setup
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_roadmap
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: setup-dev
	$(BIN)/ruff check .

test: setup-dev
	$(BIN)/ruff check .
	$(BIN)/python manage.py compile_translations --settings=alliance.settings_test
	DEBUG=false $(BIN)/python manage.py makemigrations --check --dry-run --settings=alliance.settings_test
	$(BIN)/pytest $(PYTEST_ARGS)

worker: setup
	$(BIN)/celery -A alliance worker --loglevel=INFO

beat: setup
	$(BIN)/celery -A alliance beat --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
