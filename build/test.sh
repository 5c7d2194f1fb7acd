#!/usr/bin/env bash
# The test command README gives (and .ci/run runs): installs what the tests need on a fresh Debian 12
# machine with the .NET 10 SDK, builds, runs every default test project, and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
source build/prerequisites.sh
describe_machine
ensure_system_packages
ensure_cli_command

if [ ! -d ../shared/data ]; then
  echo "error: ../shared (the real data and references) must sit beside the repository root." >&2
  exit 1
fi

results=$(mktemp -d)
status=0
# Heavy stress tests are tagged Category=Slow; README gives the command that runs them (PAIRWISECL_TEST_FILTER=Category=Slow).
dotnet test PairwiseCL.Web.sln -c Release --filter "${PAIRWISECL_TEST_FILTER:-Category!=Slow}" \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=3000000 || status=$?
summarise_trx "$results"
exit $status
