#!/usr/bin/env bash
# Runs the workspace's generators in a scratch copy of the workspace and proves their output:
# `nx g @crm/tools:resource invoices`, `nx g @crm/tools:assistant-tool new-clients` and
# `nx g @crm/tools:report-type deal-sources`, then the API
# and web builds, lint and prettier of what was generated or edited, the generated unit tests (with
# the specs of the edited libraries: i18n key parity, the navigation) and the generated API e2e spec
# with the cross-company spec and the schema test of the tenant policies.
# The copy is the working tree as git sees it (tracked and untracked, not ignored files) with
# node_modules hard-linked (`cp -al`): nothing in this workspace is touched.
#
#   tools/scripts/check-generators.sh          # KEEP=1 keeps the scratch copy and prints where
#   SCRATCH=/tmp/x tools/scripts/check-generators.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export NX_DAEMON=false NX_NO_CLOUD=true NX_INTERACTIVE=false FORCE_COLOR=0
SCRATCH="${SCRATCH:-$(mktemp -d "${TMPDIR:-/tmp}/crm-generators.XXXXXX")}"
started=$SECONDS

phase() { echo; echo "--- $1 ($((SECONDS - started))s)"; }
cleanup() {
  if [ "${KEEP:-0}" = 1 ]; then echo "scratch workspace kept: $SCRATCH"; else rm -rf "$SCRATCH"; fi
}
trap cleanup EXIT

phase "copy the workspace to $SCRATCH"
mkdir -p "$SCRATCH"
(cd "$ROOT" && git ls-files -z -co --exclude-standard | tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$SCRATCH"
cp -al "$ROOT/node_modules" "$SCRATCH/node_modules"
# Tools that cache under node_modules write into their own files there, never through the links.
rm -rf "$SCRATCH/node_modules/.cache"
cd "$SCRATCH"
# A git repository of its own, so the generated change can be shown and checked like a commit.
git init -q && git add -A && git -c user.name=check -c user.email=check@localhost commit -qm base

phase "nx g @crm/tools:resource invoices; nx g @crm/tools:assistant-tool new-clients; nx g @crm/tools:report-type deal-sources"
npx nx g @crm/tools:resource invoices --titleRu=Счета --no-interactive
npx nx g @crm/tools:assistant-tool new-clients --no-interactive
npx nx g @crm/tools:report-type deal-sources --titleRu="Источники сделок" --no-interactive
git add -A
changed=$(git diff --cached --name-only --diff-filter=AM)
git diff --cached --stat | tail -n 1

phase "prettier on the generated and edited files"
# shellcheck disable=SC2086
npx prettier --check $changed

phase "build api and web"
npx nx run-many -t build -p api web --output-style=static

phase "OpenAPI document with the generated routes (redocly, strict)"
node tools/scripts/lint-openapi.mjs

phase "lint: the generated projects, then every other file written or edited"
npx nx run-many -t lint -p api-invoices web-invoices --output-style=static
# Each file with its own project's config (module boundaries, Angular rules), as `nx lint` would.
others=$(echo "$changed" | grep -E '\.(ts|html|mjs)$' | grep -v -E '^libs/(api|web)/invoices/')
# shellcheck disable=SC2086
npx eslint --flag v10_config_lookup_from_file --max-warnings=0 $others

phase "unit tests: the generated ones, the i18n dictionaries, the navigation, the reports builder"
npx jest --projects libs/api/invoices/jest.config.cts libs/web/invoices/jest.config.cts \
  libs/web/i18n/jest.config.cts libs/web/shell/jest.config.cts libs/api/assistant/jest.config.cts \
  libs/api/reports/jest.config.cts libs/web/reports/jest.config.cts \
  -- libs/api/invoices libs/web/invoices libs/web/i18n libs/web/shell/src/lib/nav-items.spec.ts \
  libs/api/assistant/src/lib/tools libs/api/reports/src/lib/types libs/api/reports/src/lib/generation \
  libs/web/reports/src/lib/builder

phase "api e2e: the generated spec, cross-company ids, the tenant policy of every table"
npx jest -c apps/api-e2e/jest.config.cts --runInBand \
  -t '^(invoices \(web API\)|tenant isolation|tenant row-level security covers every table)' \
  apps/api-e2e/src/invoices \
  apps/api-e2e/src/platform/cross-id-isolation.spec.ts \
  apps/api-e2e/src/platform/tenant-security.spec.ts

phase "all generated code builds, lints and passes its tests"
