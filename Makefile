# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench clean train

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@rm -rf out/demo
	$(VENV)/bin/budget-extract run examples/ --out out/demo --quiet --report
	@echo
	@echo "Results in out/demo/: documents, facts, tables, indicators, alignments, findings (.jsonl), summary.json"
	@echo "Report: out/demo/report/index.html (open it in a browser)"
	@echo "Look at one document: $(VENV)/bin/budget-extract facts examples/000_qingyunpu_medical_security_2023.txt (or: tables FILE)"

test: install
	$(PY) -m ruff check extract tests training benchmarks notebooks
	$(PY) -m pytest -q

train: install  # retrain the shipped models from annotations/ (seeded; the same weights under any string-hash seed; prints held-out scores)
	$(PY) -m training.train

lint: install
	$(PY) -m ruff check extract tests training benchmarks notebooks

bench: install
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache build *.egg-info
