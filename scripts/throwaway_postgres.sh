# Sourced by the scripts that take expected results from a real PostgreSQL 15
# (Debian's postgresql-15): starts a throwaway server as the postgres user on
# a free port, in C collation and UTC as the engine has them, and stops it
# and removes it when the script exits. Sets $work (its directory, also its
# socket directory) and $port. Listens on 127.0.0.1 too if $listen is set.
pgbin=/usr/lib/postgresql/15/bin
if [ ! -x "$pgbin/postgres" ]; then
  echo "needs Debian's postgresql-15: apt-get install postgresql-15" >&2
  exit 1
fi
run_as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

work=$(mktemp -d /tmp/heliosdb-pg-XXXXXX)
chmod 755 "$work"
chown postgres "$work" 2>/dev/null || true
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  run_as_postgres "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

run_as_postgres "$pgbin/initdb" -D "$work/data" -A trust -U postgres --locale=C.UTF-8 --encoding=UTF8 >/dev/null
run_as_postgres "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w \
  -o "-p $port -k $work -c listen_addresses='${listen:-}' -c TimeZone=UTC -c fsync=off" start >/dev/null
