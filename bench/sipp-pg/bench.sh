#!/usr/bin/env bash
# bench.sh - the call path end to end in PostgreSQL mode, measured the way ../shared/anchors measures Kamailio:
# sipp UAC with digest auth -> Switchboard (one silo, co-hosted edge, Release build) -> prepaid rating and billing
# -> trunk -> sipp UAS on 127.0.0.1:5080. ACCOUNTS=1 is one extension on one prepaid account (a wholesale
# customer); ACCOUNTS=16 spreads the calls over 16 extensions, each with its own account.
#
#   bench/sipp-pg/bench.sh [RATES] [DUR_S] [HOLD_MS]
#   env: ACCOUNTS (1), MODE=pg|memory (pg), ANCHORS (../shared/anchors), RESULTS, OUTROOT
# Needs: sipp, PostgreSQL binaries in /usr/lib/postgresql/15/bin, `dotnet build Cluster.sln -c Release` first.
# Everything binds 127.0.0.1; every step is bounded (RATE x DUR_S calls, sipp's own timeouts).
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
LOAD=$ANCHORS/loadkit/load.sh
RATES=${1:-"500 1000 1500"}
DUR=${2:-20}
HOLD=${3:-1000}
ACCOUNTS=${ACCOUNTS:-1}
MODE=${MODE:-pg}
RESULTS=${RESULTS:-$PWD/results.txt}
OUTROOT=${OUTROOT:-/tmp/sb-bench-$MODE-$ACCOUNTS}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDIR=$OUTROOT/pg; PGPORT=${PGPORT:-55434}
KEY=sbk_benchbenchbenchbenchbenchbenchbench01
API=http://127.0.0.1:8090/api/v1
[ -x "$LOAD" ] || { echo "loadkit not found at $LOAD (set ANCHORS)"; exit 2; }
mkdir -p "$OUTROOT"; chmod 777 "$OUTROOT"
SBPID=""; PGPID=""
cleanup() {
  [ -n "$SBPID" ] && { kill -TERM "$SBPID" 2>/dev/null; for _ in $(seq 1 40); do kill -0 "$SBPID" 2>/dev/null || break; sleep 0.5; done; kill -KILL "$SBPID" 2>/dev/null; }
  [ -n "$PGPID" ] && { su postgres -c "$PGBIN/pg_ctl -D $PGDIR -m fast stop" >/dev/null 2>&1 || kill -TERM "$PGPID"; }
}
trap cleanup EXIT
trap 'exit 2' INT TERM

CONN=""
if [ "$MODE" = pg ]; then
  rm -rf "$PGDIR"; mkdir -p "$PGDIR"; chown postgres "$PGDIR"
  su postgres -c "$PGBIN/initdb -D $PGDIR -A trust -U postgres" >"$OUTROOT/initdb.log" 2>&1 || { echo "initdb failed"; exit 1; }
  su postgres -c "$PGBIN/pg_ctl -D $PGDIR -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_preload_libraries=pg_stat_statements' -l $PGDIR.log -w start" >/dev/null || { echo "pg start failed"; exit 1; }
  PGPID=$(head -1 "$PGDIR/postmaster.pid")
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -c 'create database switchboard' >/dev/null
  CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=switchboard"
fi

( cd "$ROOT" && ConnectionStrings__Postgres="$CONN" Admin__BootstrapKey=$KEY Http__Urls=http://127.0.0.1:8090 \
  Sip__Port=5070 Sip__ListenAddress=127.0.0.1 Sip__NonceSecret=CtZi/xwTJ0lqm45dInxWLIJL6S4rfHRsX2MsqHXhN0s= Demo__Seed=false \
  Logging__LogLevel__Default=Warning Logging__LogLevel__Switchboard=${SB_LOG_LEVEL:-Warning} Cluster__SiloPort=11191 Cluster__GatewayPort=30091 \
  exec dotnet src/Silo/bin/Release/net10.0/Switchboard.Silo.dll ) >"$OUTROOT/silo.log" 2>&1 &
SBPID=$!
for _ in $(seq 1 120); do curl -fsS -m 2 http://127.0.0.1:8090/health/ready >/dev/null 2>&1 && break; kill -0 $SBPID 2>/dev/null || { echo "silo died"; tail -20 "$OUTROOT/silo.log"; exit 1; }; sleep 1; done
H=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
c() { curl -fsS -o /dev/null "$@" || { echo "provisioning failed: $*"; exit 1; }; }
c -X POST "$API/tenants" "${H[@]}" -d '{"tenantId":"load","name":"Load","sipDomain":"load.example.com","accountId":"acct-load-1"}'
printf 'prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to\n49,Germany,0.0200,0,1/1,0,2020-01-01,\n' > "$OUTROOT/rates.csv"
c -X PUT "$API/rate-plans/plan-load?description=Load" -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$OUTROOT/rates.csv"
echo SEQUENTIAL > "$OUTROOT/users.csv"
for i in $(seq 1 "$ACCOUNTS"); do
  user=$(printf 'user%04d' "$i")
  c -X POST "$API/accounts" "${H[@]}" -d "{\"accountId\":\"acct-load-$i\",\"tenantId\":\"load\",\"ratePlanId\":\"plan-load\",\"creditLimit\":0,\"fraudLimits\":{\"maxConcurrentCalls\":100000,\"maxCallsPerMinute\":1000000,\"maxDailySpend\":10000000}}"
  c -X POST "$API/accounts/acct-load-$i/credits" "${H[@]}" -d '{"reference":"bench","amount":1000000,"description":"bench"}'
  c -X POST "$API/tenants/load/extensions" "${H[@]}" -d "{\"number\":\"$user\",\"displayName\":\"Load $i\",\"password\":\"pw$user\",\"accountId\":\"acct-load-$i\"}"
  echo "$user;[authentication username=$user password=pw$user]" >> "$OUTROOT/users.csv"
done
c -X PUT "$API/tenants/load/trunks/uas" "${H[@]}" -d '{"host":"127.0.0.1","port":5080,"transport":"udp","priority":1}'
echo "provisioned: $ACCOUNTS account(s), mode $MODE"

for r in $RATES; do
  n=$((r * DUR))
  line=$(SIPP="$HERE/sipp-accounts" SB_USERS_CSV="$OUTROOT/users.csv" "$LOAD" -a user0001:pwuser0001 -f load.example.com -I 127.0.0.3 \
    -s 4930123456 -p "$SBPID" ${PGPID:+-D "$PGPID"} -n "switchboard-$MODE-${ACCOUNTS}acct" -o "$OUTROOT/r$r" -R "$RESULTS" \
    127.0.0.1:5070 "$r" "$n" "$HOLD" 2>&1 | tail -1)
  echo "$line"
  sleep 5
done

for i in $(seq 1 "$ACCOUNTS"); do curl -fsS "$API/accounts/acct-load-$i" -H "Authorization: Bearer $KEY"; echo; done > "$OUTROOT/accounts.json"
if [ "$MODE" = pg ]; then
  q() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d switchboard -Atc "$1" 2>&1; }
  q "create extension if not exists pg_stat_statements" >/dev/null
  echo "cdrs=$(q 'select count(*) from cdrs') leases_left=$(q 'select count(*) from call_leases') statements=$(q 'select sum(calls) from pg_stat_statements')"
  q "select calls, round(total_exec_time::numeric,0) ms, rows, left(regexp_replace(query,'\s+',' ','g'),110) from pg_stat_statements order by calls desc limit 25" > "$OUTROOT/pgstat.txt"
fi
