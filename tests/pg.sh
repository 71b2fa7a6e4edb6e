# A throw-away PostgreSQL server for the tests: source this file, then
#
#   pg_start || { skip NAME "$pg_why"; exit 0; }   # sets MTRACK_TEST_PG
#   pg_newdb NAME                                  # prints a URL of a new, empty database
#
# pg_start reuses a server the caller already started (MTRACK_TEST_PG set,
# as tests/run.sh does for the whole suite); otherwise it starts one:
# initdb and pg_ctl in a temporary folder, a free loopback port, trust
# authentication on 127.0.0.1 only, run as the postgres user through runuser
# when we are root; an EXIT trap stops it and removes the folder, whatever
# happens. When PostgreSQL cannot be started, pg_start returns 1 with the
# reason in $pg_why (one line).

pg_bindir() {
    for d in "${PG_BINDIR:-}" /usr/lib/postgresql/*/bin; do
        [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    d=$(dirname "$(command -v pg_ctl 2>/dev/null)" 2>/dev/null)
    [ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    return 1
}

# Runs a PostgreSQL server program as the user that owns the data folder.
pg_as() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null
}

pg_stop() {
    if [ -n "${pg_dir:-}" ] && [ -d "$pg_dir" ]; then
        pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
        rm -rf "$pg_dir"
    fi
    pg_dir=
}

pg_start() {
    pg_why=
    pg_seq=0
    if [ -n "${MTRACK_TEST_PG:-}" ]; then
        pg_bin=$(pg_bindir) || pg_bin=
        return 0
    fi
    if ! pg_bin=$(pg_bindir); then
        pg_why="PostgreSQL is not installed (no initdb/pg_ctl; scripts/install-deps installs it)"
        return 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        pg_why="running as root and there is no postgres user to run the server"
        return 1
    fi
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/mtrack-pg.XXXXXX") || { pg_why="no temporary folder"; return 1; }
    trap 'pg_stop' EXIT
    trap 'pg_stop; exit 1' INT TERM HUP
    [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
    chmod 700 "$pg_dir"
    if ! pg_as "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$pg_dir/initdb.log" 2>&1; then
        # its first error, not its last line ("removing data directory")
        pg_why="initdb failed: $(grep -m 1 -iE 'error|fatal|could not|cannot' "$pg_dir/initdb.log" ||
            tail -n 1 "$pg_dir/initdb.log")"
        pg_stop
        return 1
    fi
    # trust on loopback, but for the role mtrack_pw, which must give its
    # password (the tests of a wrong password)
    printf '%s\n' 'local all all trust' 'host all mtrack_pw 127.0.0.1/32 scram-sha-256' \
        'host all all 127.0.0.1/32 trust' >"$pg_dir/data/pg_hba.conf"
    tries=0
    while :; do
        pg_port=$(pg_free_port)
        [ -n "$pg_port" ] || { pg_why="no free loopback port"; pg_stop; return 1; }
        if pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1; then
            break
        fi
        tries=$((tries + 1))
        if [ $tries -ge 3 ]; then
            pg_why="the server did not start: $(tail -n 1 "$pg_dir/server.log" 2>/dev/null)"
            pg_stop
            return 1
        fi
    done
    MTRACK_TEST_PG="postgresql://postgres@127.0.0.1:$pg_port/postgres"
    export MTRACK_TEST_PG
    return 0
}

# pg_newdb NAME: a new, empty database on the server (dropped first when it
# exists); prints its URL.
pg_newdb() {
    base=${MTRACK_TEST_PG%/*}
    pg_seq=$((${pg_seq:-0} + 1))
    name="t_$(echo "$1" | tr -c 'a-zA-Z0-9_\n' _)_$$_$pg_seq"
    psql=psql
    [ -n "${pg_bin:-}" ] && [ -x "$pg_bin/psql" ] && psql="$pg_bin/psql"
    "$psql" -q -X "$MTRACK_TEST_PG" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" \
        >/dev/null 2>&1 || return 1
    echo "$base/$name"
}
