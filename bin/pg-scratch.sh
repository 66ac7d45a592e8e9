#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1, for the test suite's PostgreSQL runs (TEST_DATABASE_URL):
#   bin/pg-scratch.sh start DIR [PORT]   initdb into DIR, start it, create database squeezebot_test, print its URL
#   bin/pg-scratch.sh stop DIR           stop it and remove DIR
# Debian's postgresql package (initdb and pg_ctl under /usr/lib/postgresql/<version>/bin). The server may
# not run as root: as root, the cluster belongs to the `postgres` user. Trust authentication on loopback
# only: it is a scratch cluster that lives for one test run. PG_SCRATCH_OPTS adds server options; by default
# fsync is off (the tests' data dies with the cluster) — a benchmark sets PG_SCRATCH_OPTS='' to keep it on.
set -euo pipefail
cmd=${1:-}
dir=${2:-}
port=${3:-54329}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -x "$bin/initdb" ] || { echo "pg-scratch: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 3; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 ${PG_SCRATCH_OPTS--c fsync=off}" start >/dev/null
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -c 'CREATE DATABASE squeezebot_test' >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/squeezebot_test"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
