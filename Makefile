# Careers Inspection Coach. Two commands: `make run` (set up and chat) and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
SPACY := var/spacy/en_coach/config.cfg
MODEL := models/coach.tar.gz
KNOWLEDGE_NLU := var/nlu/knowledge_topics.yml
TRAIN_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) $(SPACY) $(KNOWLEDGE_NLU)

export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export LOG_LEVEL_LIBRARIES := ERROR
export PYTHONWARNINGS := ignore
export RASA_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Some machines' pip configuration names local package folders that do not exist; pip warns per package.
PIP_NOISE := ^WARNING: Location 'file:

.PHONY: run test setup model nlp demo serve bench lock clean check-python help

help:
	@echo "make run    set up (first time) and chat in the terminal"
	@echo "make test   set up and run every test"
	@echo "make serve  the web chat page on http://127.0.0.1:5005/webhooks/coach/"
	@echo "make bench  benchmarks -> bench/results.md"

check-python:
	@sh scripts/find-python.sh >/dev/null

$(STAMP): pyproject.toml constraints.txt
	@PY310=$$(sh scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$PY310"; \
	test -x $(PY) || $$PY310 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==24.0" "setuptools<71" wheel 2>&1 | { grep -v "$(PIP_NOISE)" || true; }; test $${PIPESTATUS[0]} -eq 0
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]' 2>&1 | { grep -v "$(PIP_NOISE)" || true; }; test $${PIPESTATUS[0]} -eq 0
	@touch $(STAMP)

$(SPACY): $(STAMP) bot/content/entity_patterns.yml bot/nlp.py
	$(BIN)/coach build-nlp

$(KNOWLEDGE_NLU): $(STAMP) bot/content/knowledge.yml bot/knowledge/nlu_data.py
	$(PY) -m bot.knowledge.nlu_data $(KNOWLEDGE_NLU)

$(MODEL): $(STAMP) $(TRAIN_INPUTS)
	@echo "Training the assistant (only when its inputs changed)..."
	$(PY) -m bot.rasa.main train --fixed-model-name coach --out models --data data var/nlu --quiet
	@touch $(MODEL)

setup: $(STAMP) $(SPACY)
nlp: $(SPACY)
model: $(MODEL)

demo: setup
	$(BIN)/coach demo --if-empty

run: setup $(MODEL) demo
	$(BIN)/coach chat

serve: setup $(MODEL) demo
	$(BIN)/coach serve

test: setup $(MODEL)
	$(BIN)/ruff check bot actions tests bench
	$(BIN)/ruff format --check --quiet bot actions tests bench
	$(PY) -m bot.rasa.main data validate --data data var/nlu --fail-on-warnings --quiet
	$(PY) -m bot.rasa.main test core --stories tests/stories --model $(MODEL) --fail-on-prediction-errors --out var/results --quiet
	$(PY) -m pytest

bench: setup $(MODEL)
	$(BIN)/python -m bench.run

lock:
	@PY310=$$(sh scripts/find-python.sh) || exit 1; rm -rf /tmp/coach-lock && $$PY310 -m venv /tmp/coach-lock && \
	/tmp/coach-lock/bin/pip install --quiet -e '.[dev]' && \
	{ echo "# Exact versions for every install (pip install -c constraints.txt). Regenerate with 'make lock'."; \
	  /tmp/coach-lock/bin/pip freeze --exclude-editable | grep -v '^careers-inspection-coach'; } > constraints.txt

clean:
	rm -rf $(VENV) var/spacy models .rasa
