#!/usr/bin/env bash
# Install, start, stop a private Virtuoso for kg-builder's tests and `kgb load`.
#
#   scripts/virtuoso.sh install                     apt-get install virtuoso-opensource (Debian)
#   scripts/virtuoso.sh start DIR [HTTP] [SQL]      own ini + database in DIR, bound to 127.0.0.1
#   scripts/virtuoso.sh stop DIR                    checkpoint and shut down the server of DIR
#   scripts/virtuoso.sh status DIR                  say whether the server of DIR answers
#
# The stock virtuoso.ini listens on every interface, refuses queries whose estimated cost exceeds
# 400 s and silently cuts results at 10 000 rows; the ini written here fixes all three and keeps the
# database inside DIR so several servers (one per test session) can run side by side.
set -euo pipefail

DEFAULT_HTTP=8890
DEFAULT_SQL=1111

die() { echo "virtuoso.sh: $*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "installing needs root: run 'sudo $0 install' or, as root, 'apt-get install virtuoso-opensource'"
    fi
}

cmd_install() {
    if command -v virtuoso-t >/dev/null 2>&1; then
        echo "virtuoso-t already installed: $(command -v virtuoso-t)"
        return
    fi
    command -v apt-get >/dev/null 2>&1 || die "no apt-get here; install Virtuoso Open Source 7 by hand (virtuoso-t and isql-vt on PATH)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource
    command -v virtuoso-t >/dev/null 2>&1 || die "virtuoso-opensource installed but virtuoso-t is not on PATH"
}

stock_ini() {
    local f
    for f in /etc/virtuoso-opensource-*/virtuoso.ini /usr/share/virtuoso-opensource-*/virtuoso.ini \
             /var/lib/virtuoso-opensource-*/db/virtuoso.ini; do
        [ -f "$f" ] && { echo "$f"; return; }
    done
    die "no stock virtuoso.ini under /etc, /usr/share or /var/lib/virtuoso-opensource-*; run '$0 install'"
}

# write_ini STOCK DIR HTTP SQL: copy STOCK with the [Section] Key = Value overrides below, adding
# keys the stock file lacks at the end of their section.
write_ini() {
    local stock=$1 dir=$2 http=$3 sql=$4 db=$2/db vad
    vad=$(ls -d /usr/share/virtuoso-opensource-*/vad 2>/dev/null | head -1 || true)
    awk -v overrides="\
Database|DatabaseFile|$db/virtuoso.db
Database|ErrorLogFile|$db/virtuoso.log
Database|LockFile|$db/virtuoso.lck
Database|TransactionFile|$db/virtuoso.trx
Database|xa_persistent_file|$db/virtuoso.pxa
TempDatabase|DatabaseFile|$db/virtuoso-temp.db
TempDatabase|TransactionFile|$db/virtuoso-temp.trx
Parameters|ServerPort|127.0.0.1:$sql
Parameters|DirsAllowed|., $dir, $vad
Parameters|NumberOfBuffers|${VIRTUOSO_BUFFERS:-100000}
Parameters|MaxDirtyBuffers|$(( ${VIRTUOSO_BUFFERS:-100000} * 3 / 4 ))
HTTPServer|ServerPort|127.0.0.1:$http
URIQA|DefaultHost|localhost:$http
SPARQL|ResultSetMaxRows|10000000
SPARQL|MaxQueryCostEstimationTime|0
SPARQL|MaxQueryExecutionTime|0
SPARQL|MaxSortedTopRows|10000000" '
    BEGIN {
        n = split(overrides, lines, "\n")
        for (i = 1; i <= n; i++) { split(lines[i], f, "|"); val[f[1] "|" f[2]] = f[3]; keys[f[1]] = keys[f[1]] " " f[2] }
    }
    function flush(sec,   k, m, ks) {
        m = split(keys[sec], ks, " ")
        for (k = 1; k <= m; k++) if (!((sec "|" ks[k]) in seen)) printf "%-28s = %s\n", ks[k], val[sec "|" ks[k]]
    }
    /^\[[^]]+\]/ { flush(section); section = substr($0, 2, index($0, "]") - 2); print; next }
    {
        line = $0; sub(/^[ \t]+/, "", line)
        if (line !~ /^;/ && index(line, "=")) {
            key = substr(line, 1, index(line, "=") - 1); gsub(/[ \t]+$/, "", key)
            if ((section "|" key) in val) {
                if (!((section "|" key) in seen)) printf "%-28s = %s\n", key, val[section "|" key]
                seen[section "|" key] = 1; next
            }
        }
        print
    }
    END { flush(section) }' "$stock" >"$dir/virtuoso.ini"
}

answers() {  # answers HTTP_PORT: true when /sparql runs a query (python3, as curl may be missing)
    python3 -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=3).read()' \
        "http://127.0.0.1:$1/sparql?query=ASK%7B%7D" >/dev/null 2>&1
}

server_pid() {  # the pid recorded in DIR's lock file, if that process is alive
    local lck=$1/db/virtuoso.lck pid
    [ -f "$lck" ] || return 1
    pid=$(sed -n 's/^VIRT_PID=//p' "$lck")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

ini_port() {  # ini_port DIR SECTION: the port number of SECTION's ServerPort in DIR's ini
    awk -v want="$2" '/^\[/{s=substr($0,2,index($0,"]")-2)} s==want && $1=="ServerPort"{n=split($3,a,":"); print a[n]}' "$1/virtuoso.ini"
}

cmd_start() {
    local dir=${1:?usage: $0 start DIR [HTTP_PORT] [SQL_PORT]} http=${2:-$DEFAULT_HTTP} sql=${3:-$DEFAULT_SQL}
    command -v virtuoso-t >/dev/null 2>&1 || die "virtuoso-t not found; run '$0 install' first"
    mkdir -p "$dir/db"
    dir=$(cd "$dir" && pwd)
    if server_pid "$dir" >/dev/null; then die "a server already runs for $dir (pid $(server_pid "$dir")); '$0 stop $dir' first"; fi
    write_ini "$(stock_ini)" "$dir" "$http" "$sql"
    (cd "$dir/db" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait) >"$dir/start.log" 2>&1 \
        || die "virtuoso-t did not start; see $dir/start.log and $dir/db/virtuoso.log"
    local i
    for i in $(seq 1 120); do
        if answers "$http"; then
            echo "virtuoso up: http://127.0.0.1:$http/sparql (SQL 127.0.0.1:$sql, dba/dba, dir $dir)"
            return
        fi
        server_pid "$dir" >/dev/null || die "virtuoso exited during start-up; see $dir/db/virtuoso.log"
        sleep 0.5
    done
    die "virtuoso started but http://127.0.0.1:$http/sparql does not answer after 60 s; see $dir/db/virtuoso.log"
}

cmd_stop() {
    local dir=${1:?usage: $0 stop DIR} pid sql i
    pid=$(server_pid "$dir") || { echo "no server running for $dir"; return; }
    sql=$(ini_port "$dir" Parameters)
    # A clean shutdown checkpoints, so the next start does not replay the transaction log.
    timeout 30 isql-vt "127.0.0.1:$sql" dba dba -K >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { echo "virtuoso for $dir stopped"; return; }
        sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
    echo "virtuoso for $dir killed after 30 s"
}

cmd_status() {
    local dir=${1:?usage: $0 status DIR} pid http
    if pid=$(server_pid "$dir"); then
        http=$(ini_port "$dir" HTTPServer)
        if answers "$http"; then echo "running (pid $pid): http://127.0.0.1:$http/sparql"; return; fi
        echo "running (pid $pid) but http://127.0.0.1:$http/sparql does not answer"; return 1
    fi
    echo "not running for $dir"; return 3
}

case "${1:-}" in
    install) cmd_install ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    status) shift; cmd_status "$@" ;;
    *) echo "usage: $0 install | start DIR [HTTP_PORT] [SQL_PORT] | stop DIR | status DIR" >&2; exit 2 ;;
esac
