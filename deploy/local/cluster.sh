#!/usr/bin/env bash
# Try scale-out on one machine: a throwaway PostgreSQL, N silos and M standalone edges, all on loopback.
#   deploy/local/cluster.sh start [silos=2] [edges=1]   build, start everything, print the endpoints
#   deploy/local/cluster.sh start-tls [silos=2] [edges=1]  the same with mutual TLS: a throwaway CA and a
#                                                       certificate per node (openssl), in .local/cluster/tls
#   deploy/local/cluster.sh certs DIR NODE...            only the CA and certificates, e.g. for compose.yaml
#   deploy/local/cluster.sh status                      what is running
#   deploy/local/cluster.sh stop                        stop everything and delete the database folder
# State (data folder, logs, pids) lives in .local/cluster under the repository root.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
state="$root/.local/cluster"
pg_port="${SWITCHBOARD_PG_PORT:-55432}"

pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  echo "PostgreSQL server binaries not found: install the Debian package 'postgresql'" >&2; exit 1
}

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$state"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$state"
  if [ ! -d "$state/pg" ]; then
    as_pg "$bin/initdb" -D "$state/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  as_pg "$bin/pg_ctl" -D "$state/pg" -l "$state/postgres.log" -w -o "-p $pg_port -k $state -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  echo "postgres   127.0.0.1:$pg_port (data $state/pg)"
}

launch() { # name dll env...
  local name="$1" dll="$2"; shift 2
  # From the build folder: the host reads appsettings.json (log levels) from its working directory.
  # exec, so the recorded pid is the node itself and stop's SIGTERM reaches it.
  (cd "$(dirname "$dll")" && exec env "$@" nohup dotnet "$dll" >"$state/$name.log" 2>&1) &
  echo $! >"$state/$name.pid"
}

# A throwaway cluster CA and one certificate per node (docs/security.md, "An attacker on the cluster network").
# Names starting with "silo" get server and client authentication (a silo serves and connects), others client only.
make_certificates() { # folder node...
  command -v openssl >/dev/null || { echo "openssl not found: install the Debian package 'openssl'" >&2; exit 1; }
  local tls="$1" name usage
  shift
  mkdir -p "$tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=Switchboard cluster CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
  for name in "$@"; do
    case "$name" in silo*) usage=serverAuth,clientAuth ;; *) usage=clientAuth ;; esac
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" \
      -keyout "$tls/$name.key" -out "$tls/$name.csr" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=%s\n' "$usage" >"$tls/$name.ext"
    openssl x509 -req -in "$tls/$name.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 30 \
      -extfile "$tls/$name.ext" -out "$tls/$name.pem" 2>/dev/null
    rm -f "$tls/$name.csr" "$tls/$name.ext"
  done
  echo "tls        CA and node certificates in $tls (valid 30 days)"
}

tls_env() { # node name; nothing without TLS
  [ -d "$state/tls" ] || return 0
  echo "Cluster__Tls__CertificatePath=$state/tls/$1.pem Cluster__Tls__KeyPath=$state/tls/$1.key Cluster__Tls__CaPath=$state/tls/ca.pem"
}

cmd_start() {
  local silos="${1:-2}" edges="${2:-1}" tls="${3:-}"
  local project build_log
  build_log="$(mktemp)"
  for project in src/Silo src/Edge; do
    # Quiet on success; the compiler's own output when a build fails.
    (cd "$root" && dotnet build -c Release "$project" -v q -nologo >"$build_log" 2>&1) ||
      { cat "$build_log" >&2; echo "build of $project failed" >&2; rm -f "$build_log"; exit 1; }
  done
  rm -f "$build_log"
  start_postgres
  [ -n "$tls" ] && make_certificates "$state/tls" $(seq -f 'silo%g' 0 $((silos - 1))) $(seq -f 'edge%g' 0 $((edges - 1)))
  local cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  local secret; secret="$(head -c 32 /dev/urandom | base64)"
  echo "$secret" >"$state/nonce-secret"
  local silo_dll="$root/src/Silo/bin/Release/net10.0/Switchboard.Silo.dll"
  local edge_dll="$root/src/Edge/bin/Release/net10.0/Switchboard.Edge.dll"
  for i in $(seq 0 $((silos - 1))); do
    launch "silo$i" "$silo_dll" ConnectionStrings__Postgres="$cs" Cluster__SiloPort=$((11111 + i)) \
      Cluster__GatewayPort=$((30000 + i)) Http__Urls="http://127.0.0.1:$((8080 + i))" Edge__Enabled=false \
      Sip__NonceSecret="$secret" $(tls_env "silo$i")
    echo "silo$i      silo 127.0.0.1:$((11111 + i)) gateway $((30000 + i)) http http://127.0.0.1:$((8080 + i))"
    # The first silo migrates the schema; let it finish before the others race for the advisory lock.
    [ "$i" -eq 0 ] && sleep 8
  done
  for j in $(seq 0 $((edges - 1))); do
    launch "edge$j" "$edge_dll" ConnectionStrings__Postgres="$cs" Sip__Port=$((5060 + 10 * j)) \
      Http__Urls="http://127.0.0.1:$((8180 + j))" Sip__NonceSecret="$secret" Sip__EdgeId="edge$j" \
      Media__PortMin=$((20000 + 2000 * j)) Media__PortMax=$((21998 + 2000 * j)) $(tls_env "edge$j")
    echo "edge$j      sip udp/tcp 127.0.0.1:$((5060 + 10 * j)) http http://127.0.0.1:$((8180 + j))"
  done
  echo "logs in $state/*.log (the operator API key is in the banner of silo0.log); stop with: deploy/local/cluster.sh stop"
}

cmd_status() {
  local f
  for f in "$state"/*.pid; do
    [ -e "$f" ] || continue
    if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f" .pid) running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid) stopped"; fi
  done
}

cmd_stop() {
  local f
  for f in "$state"/*.pid; do
    [ -e "$f" ] || continue
    kill -TERM "$(cat "$f")" 2>/dev/null || true
  done
  sleep 5
  for f in "$state"/*.pid; do
    [ -e "$f" ] || continue
    kill -KILL "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  if [ -d "$state/pg" ]; then as_pg "$(pg_bin)/pg_ctl" -D "$state/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$state"
  echo "stopped"
}

case "${1:-}" in
  start) shift; cmd_start "${1:-2}" "${2:-1}" ;;
  start-tls) shift; cmd_start "${1:-2}" "${2:-1}" tls ;;
  certs) shift; [ $# -ge 2 ] || { sed -n '2,9p' "$0"; exit 1; }; make_certificates "$@" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  *) sed -n '2,9p' "$0"; exit 1 ;;
esac
