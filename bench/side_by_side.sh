# Sourced by the side-by-side benchmarks: starts PostgreSQL 15 (Debian's,
# as the postgres user) and `heliosdb-lite server` on free loopback ports,
# each on its own data directory under one work directory, and stops both
# and removes the directory on exit. Before sourcing, set `base` (where the
# work directory goes), `bin` (the heliosdb-lite binary), `bench_name`, and
# optionally `max_connections`. Afterwards: $work, $pg_port, $h_port,
# $h_pid, $pgbin, $py, as_postgres.
pgbin=/usr/lib/postgresql/15/bin
py=/usr/bin/python3
free_port() { $py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_postgres() { runuser -u postgres -- "$@"; }

work=$(mktemp -d "$base/heliosdb-$bench_name-XXXXXX")
chmod 755 "$work"
chown postgres "$work"
pg_port=$(free_port)
h_port=$(free_port)
h_pid=
cleanup() {
  as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  [ -n "$h_pid" ] && kill "$h_pid" 2>/dev/null && wait "$h_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_options="-p $pg_port -k $work -c listen_addresses=127.0.0.1"
h_options=()
if [ -n "${max_connections:-}" ]; then
  pg_options+=" -c max_connections=$max_connections"
  h_options=(--max-connections "$max_connections")
fi
as_postgres "$pgbin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "$pg_options" start >/dev/null
"$bin" --log-level warn server --data "$work/helios" --port "$h_port" --unix-socket-dir "" "${h_options[@]}" &
h_pid=$!
for _ in $(seq 200); do "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$h_port" && break; sleep 0.05; done
