"""With production values set, `check --deploy` reports no warnings (the README lists them)."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Qp2vL9sK4mN8rT1wY6zB3cF5hJ0dG_eA-uI9oP2lK7nM4bV1cX8zS5aQ3wE6rT",
    "ALLOWED_HOSTS": "portal.example.ca",
    "SITE_URL": "https://portal.example.ca",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args, environment):
    inherited = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {key: value for key, value in os.environ.items() if key not in inherited}
    env.update(environment, DJANGO_SETTINGS_MODULE="alliance.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", environment=PRODUCTION_ENVIRONMENT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key():
    environment = {**PRODUCTION_ENVIRONMENT, "SECRET_KEY": ""}

    result = run_manage("check", environment=environment)

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_check_deploy_warns_that_rate_limits_need_redis():
    environment = {**PRODUCTION_ENVIRONMENT, "REDIS_URL": ""}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)

    assert result.returncode != 0
    assert "alliance.W001" in result.stderr + result.stdout
    assert "Set REDIS_URL" in result.stderr + result.stdout
