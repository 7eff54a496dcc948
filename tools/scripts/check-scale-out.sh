#!/usr/bin/env bash
# Scale-out on one machine (docs/scaling.md, steps 3 and 4): a PostgreSQL 15 primary, a streaming
# replica made with `pg_basebackup -R`, PgBouncer in transaction mode in front of the primary, three
# built API processes (DATABASE_URL through PgBouncer, DATABASE_READ_URL to the replica) behind nginx,
# then tools/scripts/scale-out.ts proves through nginx what docs/scaling.md promises, and bench/load
# runs a short mixed load through nginx with 0 errors.
#
# Needs: the built API (`npx nx build api`), PostgreSQL 15 server binaries, nginx and pgbouncer. When a
# binary is missing it prints SKIPPED and why, and exits 0. Everything it starts lives under one
# folder in /tmp and is stopped and removed at the end, also on failure or Ctrl-C.
#
# Settings: SCALE_OUT_PG_BIN (default /usr/lib/postgresql/15/bin), SCALE_OUT_BASE_PORT (default: a free
# range found from 25400), SCALE_OUT_LOAD_SECONDS (default 15), SCALE_OUT_KEEP=1 keeps the folder.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PG_BIN=${SCALE_OUT_PG_BIN:-/usr/lib/postgresql/15/bin}
LOAD_SECONDS=${SCALE_OUT_LOAD_SECONDS:-15}
STARTED=$(date +%s)

skip() {
  echo "SKIPPED: scale-out check: $1"
  exit 0
}
[ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/pg_basebackup" ] ||
  skip "PostgreSQL server binaries not found in $PG_BIN (set SCALE_OUT_PG_BIN; Debian: apt-get install postgresql-15)"
NGINX=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
[ -n "$NGINX" ] || skip "nginx not found (Debian: apt-get install nginx)"
PGBOUNCER=$(command -v pgbouncer || ls /usr/sbin/pgbouncer 2>/dev/null || true)
[ -n "$PGBOUNCER" ] || skip "pgbouncer not found (Debian: apt-get install pgbouncer)"
[ -f dist/apps/api/main.js ] || { echo "FAILED: dist/apps/api/main.js is missing: run npx nx build api first" >&2; exit 1; }

# PostgreSQL and PgBouncer refuse to run as root: as root they run as the `postgres` user.
AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || skip "running as root and there is no postgres user to run the servers as"
  AS=(runuser -u postgres --)
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
BASE=${SCALE_OUT_BASE_PORT:-25400}
if [ -z "${SCALE_OUT_BASE_PORT:-}" ]; then
  while :; do
    ok=1
    for i in 0 1 2 3 4 5 6; do port_free $((BASE + i)) || { ok=0; break; }; done
    [ $ok = 1 ] && break
    BASE=$((BASE + 10))
  done
fi
PRIMARY_PORT=$BASE REPLICA_PORT=$((BASE + 1)) BOUNCER_PORT=$((BASE + 2)) NGINX_PORT=$((BASE + 3))
API_PORTS=($((BASE + 4)) $((BASE + 5)) $((BASE + 6)))

WORK=$(mktemp -d /tmp/crm-scale-out.XXXXXX)
chmod 755 "$WORK"
[ ${#AS[@]} -gt 0 ] && chown postgres "$WORK"
API_PIDS=()

cleanup() {
  local code=$?
  set +e
  echo "== cleaning up"
  for pid in "${API_PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  for pid in "${API_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  [ -f "$WORK/nginx.pid" ] && "$NGINX" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" -s stop 2>/dev/null
  [ -f "$WORK/pgbouncer.pid" ] && kill "$(cat "$WORK/pgbouncer.pid")" 2>/dev/null
  [ -f "$WORK/replica/postmaster.pid" ] && "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/replica" -m immediate stop >/dev/null 2>&1
  [ -f "$WORK/primary/postmaster.pid" ] && "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/primary" -m immediate stop >/dev/null 2>&1
  if [ $code -ne 0 ]; then
    for f in "$WORK"/api-*.log; do
      [ -f "$f" ] && { echo "--- last lines of $(basename "$f")"; tail -n 15 "$f"; }
    done
    for f in primary.log replica.log pgbouncer.log nginx-error.log; do
      [ -s "$WORK/$f" ] && { echo "--- last lines of $f"; tail -n 10 "$WORK/$f"; }
    done
  fi
  if [ "${SCALE_OUT_KEEP:-}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
  echo "scale-out check took $(($(date +%s) - STARTED)) s"
  if [ $code -eq 0 ]; then echo "PASSED: scale-out check"; else echo "FAILED: scale-out check (exit $code)"; fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== primary on $PRIMARY_PORT (wal_level=replica)"
"${AS[@]}" "$PG_BIN/initdb" -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
cat >>"$WORK/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$WORK'
wal_level = replica
max_wal_senders = 4
hot_standby = on
max_connections = 100
shared_buffers = 64MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary.log" -w start >/dev/null
"${AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres crm
# PgBouncer ignores the API's per-connection timeouts (startup parameters): the database sets them.
"$PG_BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d crm -q \
  -c "ALTER DATABASE crm SET statement_timeout = '30s'" \
  -c "ALTER DATABASE crm SET idle_in_transaction_session_timeout = '60s'"

echo "== streaming replica on $REPLICA_PORT (pg_basebackup -R)"
"${AS[@]}" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$WORK/replica" -R -X stream -c fast
cat >>"$WORK/replica/postgresql.conf" <<EOF
port = $REPLICA_PORT
EOF
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/replica" -l "$WORK/replica.log" -w start >/dev/null
for _ in $(seq 1 100); do
  [ "$("$PG_BIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d crm -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] && break
  sleep 0.1
done
"$PG_BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atc \
  "SELECT 'replication: ' || application_name || ' ' || state FROM pg_stat_replication"

echo "== PgBouncer (transaction mode) on $BOUNCER_PORT"
cat >"$WORK/pgbouncer.ini" <<EOF
[databases]
crm = host=127.0.0.1 port=$PRIMARY_PORT dbname=crm
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = transaction
default_pool_size = 40
max_client_conn = 400
ignore_startup_parameters = extra_float_digits,statement_timeout,idle_in_transaction_session_timeout
logfile = $WORK/pgbouncer.log
pidfile = $WORK/pgbouncer.pid
EOF
echo '"postgres" ""' >"$WORK/userlist.txt"
chown -R postgres "$WORK/pgbouncer.ini" "$WORK/userlist.txt" 2>/dev/null || true
touch "$WORK/pgbouncer.log" && chown postgres "$WORK/pgbouncer.log" 2>/dev/null || true
"${AS[@]}" "$PGBOUNCER" -d "$WORK/pgbouncer.ini"
for _ in $(seq 1 50); do [ -f "$WORK/pgbouncer.pid" ] && break; sleep 0.1; done

PRIMARY_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/crm"
BOUNCER_URL="postgres://postgres@127.0.0.1:$BOUNCER_PORT/crm"
REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/crm"

# The processes serve the built web app too when it is there (`npx nx build web`).
WEB_DIST=${SCALE_OUT_WEB_DIST:-$ROOT/dist/apps/web/browser}
if [ -f "$WEB_DIST/index.html" ]; then
  WEB_ENV=(CRM_WEB_DIST="$WEB_DIST")
else
  WEB_ENV=()
  echo "(no built web app in $WEB_DIST: the API processes serve the API only)"
fi

start_api() {
  local n=$1 port=${API_PORTS[$1]}
  env NODE_ENV=test PORT="$port" DATABASE_URL="$BOUNCER_URL" DATABASE_READ_URL="$REPLICA_URL" \
    "${WEB_ENV[@]}" CRM_DATA_DIR="$WORK/api-data" \
    JWT_SECRET=scale-out-jwt-secret-scale-out-jwt-secret KEY_ENCRYPTION_SECRET=scale-out-key-secret-scale-out-key-secret \
    AUTH_RATE_LIMIT=1000000 INTEGRATION_RATE_LIMIT=1000000 DB_POOL_SIZE=8 LOG_LEVEL=warn \
    JOBS_POLL_SECONDS=0.5 JOBS_MAINTENANCE_SECONDS=1 REPORT_JOB_EXPIRE_SECONDS=20 REPORTS_TEST_STAGE_DELAY_MS=800 \
    node dist/apps/api/main.js >"$WORK/api-$n.log" 2>&1 &
  API_PIDS[$n]=$!
  disown "$!" # its end (the report step kills one) is checked here, not reported by bash
}
wait_api() {
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:${API_PORTS[$1]}/api/health/ready" >/dev/null && return 0
    kill -0 "${API_PIDS[$1]}" 2>/dev/null || { echo "API process $(($1 + 1)) exited" >&2; return 1; }
    sleep 0.5
  done
  echo "API process $(($1 + 1)) did not become ready" >&2
  return 1
}

echo "== three API processes on ${API_PORTS[*]} (DATABASE_URL through PgBouncer, DATABASE_READ_URL to the replica)"
# The first one migrates; the others start together (migrations are serialised by an advisory lock).
start_api 0
wait_api 0
start_api 1
start_api 2
wait_api 1
wait_api 2
curl -sf "http://127.0.0.1:${API_PORTS[0]}/api/health/ready"
echo

echo "== nginx on $NGINX_PORT"
mkdir -p "$WORK/nginx-temp"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-temp/body;
  proxy_temp_path $WORK/nginx-temp/proxy;
  fastcgi_temp_path $WORK/nginx-temp/fastcgi;
  uwsgi_temp_path $WORK/nginx-temp/uwsgi;
  scgi_temp_path $WORK/nginx-temp/scgi;
  client_max_body_size 20m;
  upstream crm_api {
    server 127.0.0.1:${API_PORTS[0]} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:${API_PORTS[1]} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:${API_PORTS[2]} max_fails=1 fail_timeout=30s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://crm_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
EOF
"$NGINX" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
for _ in $(seq 1 50); do [ -f "$WORK/nginx.pid" ] && break; sleep 0.1; done

echo "== proving it through nginx"
if [ ${#WEB_ENV[@]} -gt 0 ]; then
  # Read the whole page before matching: under pipefail, `curl | grep -q` fails at random when grep
  # stops reading early and curl gets SIGPIPE (exit 23) writing the rest.
  PAGE=$(curl -sf "http://127.0.0.1:$NGINX_PORT/") || { echo "FAIL the web app is not served through nginx (curl exit $?)" >&2; exit 1; }
  case "$PAGE" in
    *"<html"* | *"<HTML"*) ;;
    *) echo "FAIL nginx's / answered without an HTML page" >&2; exit 1 ;;
  esac
  echo "ok   the web app (CRM_WEB_DIST) is served through nginx"
fi
SCALE_OUT_URL="http://127.0.0.1:$NGINX_PORT" \
  SCALE_OUT_API_URLS="$(printf 'http://127.0.0.1:%s,' "${API_PORTS[@]}" | sed 's/,$//')" \
  SCALE_OUT_API_PIDS="$(
    IFS=,
    echo "${API_PIDS[*]}"
  )" \
  SCALE_OUT_PRIMARY_URL="$PRIMARY_URL" SCALE_OUT_REPLICA_URL="$REPLICA_URL" \
  TS_NODE_PROJECT=tools/scripts/tsconfig.json TS_NODE_TRANSPILE_ONLY=true \
  node -r ts-node/register tools/scripts/scale-out.ts

echo "== process 1 (killed in the report step) starts again and rejoins behind nginx"
start_api 0
wait_api 0

echo "== bench/load through nginx for $LOAD_SECONDS s"
BENCH_API_URL="http://127.0.0.1:$NGINX_PORT" BENCH_SECONDS="$LOAD_SECONDS" BENCH_USERS=${SCALE_OUT_LOAD_USERS:-20} BENCH_THINK_MS=0 \
  BENCH_SEED_SALES=2000 npm run --silent bench:load

echo "== which pool answered the analytics reads (crm_db_reads_total, all three processes)"
for port in "${API_PORTS[@]}"; do curl -sf "http://127.0.0.1:$port/api/metrics" | grep '^crm_db_reads_total' || true; done |
  awk '{ split($1, a, /[{}]/); total[a[2]] += $2 } END { for (k in total) printf "  %s %d\n", k, total[k] }' | sort
