#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback for the tests marked `postgres`, and print the URL.
# Prints nothing (and the postgres tests skip) when no server can be installed or started.
set -u
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 || exit 0
fi
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$ver" ] || exit 0
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >/dev/null 2>&1 || exit 0
fi
pg_ctlcluster "$ver" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname='pactwatch') then create role pactwatch login password 'pactwatch' createdb; end if; end \\\$\\\$;\"" >/dev/null 2>&1 || exit 0
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='pactwatch_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O pactwatch pactwatch_test" >/dev/null 2>&1 || exit 0
echo "postgresql+psycopg://pactwatch:pactwatch@127.0.0.1:5432/pactwatch_test"
