# Sourced by scripts/test and scripts/bench: starts a throwaway PostgreSQL cluster as the postgres user and stops it
# on exit. Sets PGBIN, PGPORT and PARAPHE_TEST_POSTGRES_URL.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d /tmp/paraphe-pg.XXXXXX)
chown postgres:postgres "$PGDIR" 2>/dev/null || true
PGPORT=${PARAPHE_TEST_PGPORT:-55432}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_postgres() {
  as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop_postgres EXIT
# Another cluster left on the port by an interrupted run would answer instead of ours.
if (echo > /dev/tcp/127.0.0.1/$PGPORT) 2>/dev/null; then
  echo "port $PGPORT is taken; set PARAPHE_TEST_PGPORT to a free port" >&2
  exit 1
fi
as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 ${PARAPHE_PG_OPTIONS:-}" start >/dev/null
as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE ROLE paraphe LOGIN SUPERUSER PASSWORD 'paraphe'" >/dev/null
export PARAPHE_TEST_POSTGRES_URL="postgres://paraphe:paraphe@127.0.0.1:$PGPORT/postgres"
