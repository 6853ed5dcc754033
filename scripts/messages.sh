#!/usr/bin/env bash
# Update and compile the Chinese catalogues: each app that has its own locale/ keeps its own;
# everything else (templates/, core, accounts, orgs, notify, portal) is in ./locale.
set -euo pipefail
cd "$(dirname "$0")/.."
py="$PWD/.venv/bin/python"
admin="$PWD/.venv/bin/django-admin"
export DJANGO_SETTINGS_MODULE=gonghui.settings PYTHONPATH="$PWD"
ignores=(--ignore ".venv/*" --ignore "node_modules/*" --ignore "static/*")
for locale in gonghui/*/locale; do
  app=$(dirname "$locale")
  ignores+=(--ignore "$app/*")
  (cd "$app" && "$admin" makemessages -l zh_Hans --no-obsolete)
done
"$py" manage.py makemessages -l zh_Hans --no-obsolete "${ignores[@]}"
"$py" manage.py compilemessages --ignore ".venv/*"
echo "Now translate every empty msgstr and clear any '#, fuzzy' guess; test_translations checks."
