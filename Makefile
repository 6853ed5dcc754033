# Two commands: `make run` (demo at http://127.0.0.1:8000) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast fuzz setup bench vendor messages lint format clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)
	@bash scripts/ensure-pdf-font.sh

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_demo --url http://$(HOST):$(PORT)
	@echo "后台任务进程（db_worker）与定时任务进程（run_schedule）已启动；演示地址 http://$(HOST):$(PORT)/"
	@echo "会员登录验证码打印在本窗口（[短信] 行），或另开终端运行 $(PY) manage.py demo_sms_code 手机号"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py db_worker --interval 2 --no-reload >var/worker.log 2>&1 & \
	  $(PY) manage.py run_schedule >var/schedule.log 2>&1 & \
	  $(PY) -m gunicorn gonghui.wsgi --bind $(HOST):$(PORT) --workers 3 --timeout 120 --access-logfile var/access.log

test: $(STAMP)
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-pdf-font.sh
	$(PY) -m pytest -n 2 --dist loadgroup -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not browser"

fuzz: $(STAMP)
	$(PY) scripts/api_fuzz.py

bench: $(STAMP)
	$(PY) bench/run.py

vendor:
	bash scripts/vendor.sh

messages: $(STAMP)
	bash scripts/messages.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var
