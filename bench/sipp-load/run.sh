#!/usr/bin/env bash
# Signalling-path load test: the real silo host (embedded, co-hosted edge) driven by sipp at rising call rates.
# Usage: bench/sipp-load/run.sh [--tenants N] [rate ...]   (default: 16 tenants; 50 100 200 400 calls per second, 10 s each)
# Needs sipp (Debian package sip-tester). Everything binds 127.0.0.1; every sipp run is bounded by -m and -timeout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v sipp >/dev/null || { echo "sipp not found: install the Debian package 'sip-tester'" >&2; exit 2; }
dotnet run -c Release --project "$here/SippLoad.csproj" -- "$@"
