"""A pytest plugin loaded first (`-p gonghui.testenv`), before pytest-django reads the
settings: tests use a fixed encryption key, keep SMS in the outbox and in memory (what phones
receive, sign-in codes included, in notify.backends.LocmemBackend.sent) and run tasks inline,
never touching a developer's key file or worker."""

import os

os.environ["GONGHUI_ENCRYPTION_KEY"] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
os.environ["DJANGO_SECRET_KEY"] = "tests-only-secret-key-not-for-production-0123456789"
os.environ["SMS_BACKEND"] = "gonghui.notify.backends.LocmemBackend"
os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
# Playwright's sync API runs an event loop in the test thread; Django's ORM calls in the
# test body are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
