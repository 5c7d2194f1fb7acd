#!/usr/bin/env bash
# The run command README gives: installs what the portal needs on a fresh Debian 12 machine with the
# .NET 10 SDK, then starts it on http://127.0.0.1:5080 (SQLite file and data under ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
source build/prerequisites.sh
ensure_system_packages
ensure_cli_command
# Production settings (no developer error pages); ASPNETCORE_ENVIRONMENT=Development overrides.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
exec dotnet run --project src/PairwiseCL.Web -c Release --no-launch-profile -- "$@"
