# Two commands do all set-up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup report test lint lab bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -c "import utils.resources as r; r.ensure_vader_lexicon(); r.nlp()"
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install requirements.txt (only when needed)

report: setup  ## the main job: execute every notebook on the bundled report, render outputs/
	$(PY) -m utils.run

test: setup  ## lint, then the whole test suite (notebooks included)
	$(PY) -m ruff check utils tests bench notebooks
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check utils tests bench notebooks

lab: setup  ## open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf outputs .nltk_data
