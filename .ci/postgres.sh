#!/usr/bin/env bash
# Start a throwaway PostgreSQL server from Debian's packages for the test suite, and print the URL
# to use as SITREP_TEST_DB. Installs the server when it is missing (CI machines start bare).
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
DIR=${PGTEST_DIR:-/tmp/sitrep-pg}
PORT=${PGTEST_PORT:-55432}
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR" && chown postgres "$DIR"
  su postgres -c "$BIN/initdb -D $DIR -A trust -U postgres" >&2
fi
if ! su postgres -c "$BIN/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  su postgres -c "$BIN/pg_ctl -D $DIR -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l $DIR/server.log -w start" >&2
fi
su postgres -c "psql -h 127.0.0.1 -p $PORT -tc \"select 1 from pg_database where datname='sitrep_test'\"" | grep -q 1 \
  || su postgres -c "createdb -h 127.0.0.1 -p $PORT sitrep_test" >&2
echo "postgresql://postgres@127.0.0.1:$PORT/sitrep_test"
