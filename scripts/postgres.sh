#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the scale-out tests, sourced by scripts/test.sh:
#
#   source scripts/postgres.sh && postgres_start
#
# finds initdb and pg_ctl (PATH, then Debian's /usr/lib/postgresql/*/bin), installs Debian's
# `postgresql` package when they are missing (as root, or through sudo), creates a cluster in a
# temporary folder (as the `postgres` user when run as root: initdb refuses root), starts it on a free
# loopback port with its socket in that folder, with TLS (a throwaway certificate authority and server
# certificate made by openssl), creates the database `cdm_faq_test`, exports its URL as
# CDM_FAQ_TEST_DATABASE (plain, sslmode=disable), CDM_FAQ_TEST_DATABASE_TLS (sslmode=require) with the
# authority's certificate as CDM_FAQ_TEST_DATABASE_CA, and stops the cluster and removes the folder when
# the calling shell exits.
# Nothing listens beyond 127.0.0.1 and nothing of the machine's own PostgreSQL is touched.

postgres_bin_dir() {
    local initdb
    if initdb=$(command -v initdb 2>/dev/null) && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$initdb")"
        return 0
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

postgres_install() {
    echo "== installing Debian's postgresql (initdb not found)"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null \
        || { $sudo apt-get update >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null; }
}

postgres_free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

# Runs a PostgreSQL program as the cluster's owner.
postgres_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A certificate authority and a server certificate for 127.0.0.1, valid two days, in folder $1.
postgres_certificates() {
    local dir=$1
    mkdir -p "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=cdm-faq test authority" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
        -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
    chmod 600 "$dir/server.key"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres "$dir"
    fi
}

postgres_stop() {
    if [ -n "${POSTGRES_TEST_DIR:-}" ] && [ -d "$POSTGRES_TEST_DIR" ]; then
        postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$POSTGRES_TEST_DIR"
    fi
}

postgres_start() {
    if ! POSTGRES_BIN=$(postgres_bin_dir); then
        postgres_install
        POSTGRES_BIN=$(postgres_bin_dir) || { echo "no initdb after installing postgresql" >&2; return 1; }
    fi
    export POSTGRES_BIN
    POSTGRES_TEST_DIR=$(mktemp -d /tmp/cdm-faq-pg.XXXXXX)
    export POSTGRES_TEST_DIR
    trap postgres_stop EXIT
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$POSTGRES_TEST_DIR"
    fi
    postgres_as_owner "$POSTGRES_BIN/initdb" -D "$POSTGRES_TEST_DIR/data" -U cdm -A trust -E UTF8 --no-locale >/dev/null
    postgres_certificates "$POSTGRES_TEST_DIR/tls"
    local port
    port=$(postgres_free_port)
    postgres_as_owner "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_TEST_DIR/data" -l "$POSTGRES_TEST_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $POSTGRES_TEST_DIR -c max_connections=200 -c fsync=off -c ssl=on -c ssl_cert_file=$POSTGRES_TEST_DIR/tls/server.crt -c ssl_key_file=$POSTGRES_TEST_DIR/tls/server.key" start >/dev/null
    postgres_as_owner "$POSTGRES_BIN/createdb" -h 127.0.0.1 -p "$port" -U cdm cdm_faq_test
    export POSTGRES_TEST_PORT=$port
    export CDM_FAQ_TEST_DATABASE="postgres://cdm@127.0.0.1:$port/cdm_faq_test?sslmode=disable"
    export CDM_FAQ_TEST_DATABASE_TLS="postgres://cdm@127.0.0.1:$port/cdm_faq_test?sslmode=require"
    export CDM_FAQ_TEST_DATABASE_CA="$POSTGRES_TEST_DIR/tls/ca.crt"
    echo "== PostgreSQL $("$POSTGRES_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $POSTGRES_TEST_DIR)"
}
