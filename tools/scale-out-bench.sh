#!/usr/bin/env bash
# Scale-out benchmark (issue 15): the Quick protocol on one corpus, launched through the portal's API and timed from
# launch to the experiment job's success, on
#   embedded  the default: the portal on SQLite running the job itself (no pinning), and
#   N         N worker processes (`PairwiseCL.Web.dll worker --threads 1`, each pinned to its own core with taskset
#             when the machine has enough) over one PostgreSQL, the portal running no jobs (Jobs:RunJobs=false).
# Every configuration starts from an empty store, data folder and feature cache, so extraction is included.
# Prints one line per configuration and the ratio of the 1-worker to the 2-worker time.
#
# usage: tools/scale-out-bench.sh [--runs embedded,1,2] [--emodb DIR] [--labels a,b,c] [--web PATH/PairwiseCL.Web.dll --cli PATH/pairwisecl.dll]
#        (build first: dotnet build src/PairwiseCL.Web -c Release; needs Debian's postgresql, curl and taskset)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs="embedded,1,2"
emodb="$root/../shared/data/emodb-dev/wav"
labels="neutral,anger,sadness,happiness"
web="$root/src/PairwiseCL.Web/bin/Release/net10.0/PairwiseCL.Web.dll"
cli="$root/src/PairwiseCL.Cli/bin/Release/net10.0/pairwisecl.dll"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --emodb) emodb="$2"; shift 2 ;;
    --labels) labels="$2"; shift 2 ;;
    --web) web="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$web" ] || { echo "No portal build at $web: dotnet build src/PairwiseCL.Web -c Release" >&2; exit 2; }
[ -f "$cli" ] || { echo "No CLI build at $cli: dotnet build src/PairwiseCL.Cli -c Release" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }

tmp=$(mktemp -d /tmp/pairwisecl-bench.XXXXXX)
chmod 755 "$tmp" # the PostgreSQL server user must reach its folder inside
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  # The postmaster itself (its PID file's first line): $pg is only the shell that started it, which ignores SIGQUIT.
  local postmaster; postmaster=$(head -1 "$tmp/pg/data/postmaster.pid" 2>/dev/null || true)
  if [ -n "$postmaster" ]; then
    kill -QUIT "$postmaster" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$postmaster" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A throw-away PostgreSQL (as nobody under root, as the tests' fixture does), loopback only.
pgport=$(free_port)
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
mkdir -p "$tmp/pg"; [ "$(id -u)" = 0 ] && chown nobody "$tmp/pg"
(cd / && run_pg "$bin/initdb" -D "$tmp/pg/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null)
(cd / && run_pg "$bin/postgres" -D "$tmp/pg/data" -p "$pgport" -c listen_addresses=127.0.0.1 -c unix_socket_directories="$tmp/pg" \
  -c fsync=off -c synchronous_commit=off -c max_connections=200 >"$tmp/pg/log" 2>&1) &
pg=$!
until "$bin/pg_isready" -h 127.0.0.1 -p "$pgport" -q; do sleep 0.2; done
sql() { "$bin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d "$1" -tAc "$2"; }

admin=bench@lab.example; password='Bench-password-1'
# Runs one configuration; prints its wall seconds from launch to success and the CPU seconds its processes used.
bench() {
  local name=$1 workers=$2 folder="$tmp/$1" port; port=$(free_port)
  mkdir -p "$folder"
  local -a store
  if [ "$workers" = embedded ]; then
    store=(Storage__Provider=sqlite Storage__DatabasePath="$folder/portal.db" Jobs__Engine=embedded)
  else
    store=(Storage__Provider=postgres "Storage__ConnectionString=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=bench_$name" Jobs__Engine=hangfire)
  fi
  local -a common=(Storage__DataFolder="$folder/data" Storage__FeatureCachePath="$folder/features" ASPNETCORE_ENVIRONMENT=Production)
  env "${store[@]}" "${common[@]}" dotnet "$cli" import --emodb "$emodb" --name bench >"$folder/import.log" 2>&1
  env "${store[@]}" "${common[@]}" Jobs__RunJobs=$([ "$workers" = embedded ] && echo true || echo false) \
    Kestrel__Endpoints__Http__Url="http://127.0.0.1:$port" Portal__Admin__Email=$admin Portal__Admin__Password=$password \
    dotnet "$web" >"$folder/portal.log" 2>&1 &
  pids+=($!)
  until curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; do sleep 0.5; done
  if [ "$workers" != embedded ]; then
    local cores; cores=$(nproc)
    for i in $(seq 0 $((workers - 1))); do
      local -a pin=()
      if command -v taskset >/dev/null && [ "$cores" -ge "$workers" ]; then pin=(taskset -c "$i"); fi
      env "${store[@]}" "${common[@]}" DOTNET_PROCESSOR_COUNT=1 "${pin[@]}" dotnet "$web" worker --devices cpu --threads 1 --name "bench-$i" >"$folder/worker$i.log" 2>&1 &
      pids+=($!)
    done
    for i in $(seq 0 $((workers - 1))); do until grep -q "serves queue cpu" "$folder/worker$i.log"; do sleep 0.5; done; done
  fi
  # Sign in as the administrator (the login form's anti-forgery token), then launch through the API.
  local jar="$folder/cookies" token
  token=$(curl -fs -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" | grep -o '__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_handler=login" --data-urlencode "Input.Email=$admin" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
  local corpus=1 # the fresh store's only corpus
  local labels_json; labels_json=$(printf '"%s",' ${labels//,/ }); labels_json="[${labels_json%,}]"
  local draft="{\"Name\":\"bench $name\",\"CorpusId\":$corpus,\"Labels\":$labels_json,\"Views\":[\"mel\",\"egemaps\"],\"Methods\":[\"supervised\",\"pairwise-frozen\",\"pairwise-tuned\"],
    \"FractionsPercent\":[10,25,100],\"Repeats\":2,\"Temperatures\":[0.5],\"OutOfDistribution\":false,\"Analysis\":true,
    \"PretrainEpochs\":20,\"PretrainPatience\":8,\"FineTuneEpochs\":25,\"FineTunePatience\":8,\"BatchSize\":128}"
  local start end launched job state
  start=$(date +%s.%N)
  launched=$(curl -s -b "$jar" -H 'Content-Type: application/json' -d "$draft" "http://127.0.0.1:$port/api/experiments")
  job=$(echo "$launched" | python3 -c "import json,sys; print(json.load(sys.stdin).get('jobId') or '')" 2>/dev/null || true)
  [ -n "$job" ] || { echo "$name: the launch was refused: $launched" >&2; exit 1; }
  while true; do
    state=$(curl -fs -b "$jar" "http://127.0.0.1:$port/api/experiments" | python3 -c "import json,sys; print(next((str(e.get('state')) for e in json.load(sys.stdin) if e.get('jobId') == $job), ''))")
    case "$state" in Succeeded|2) break ;; Failed|Cancelled|3|4) echo "$name: the experiment ended $state (logs in $folder)" >&2; cat "$folder"/*.log | tail -30 >&2; exit 1 ;; esac
    sleep 1
  done
  end=$(date +%s.%N)
  # CPU seconds of the portal and the workers (user + system), less sensitive than wall time to other load on the machine.
  local ticks=0
  for pid in "${pids[@]}"; do
    [ -r "/proc/$pid/stat" ] && ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  echo "$(echo "$end - $start" | bc) $(echo "$ticks / $(getconf CLK_TCK)" | bc -l)"
}

declare -A seconds
for r in ${runs//,/ }; do
  if [ "$r" = embedded ]; then label="embedded (SQLite, the portal runs the job)"; else label="$r worker(s), --threads 1 each, PostgreSQL"; fi
  read -r wall cpu < <(bench "$r" "$r")
  seconds[$r]=$wall
  printf '%-55s %8.1f s wall %8.1f CPU s (load average %s)\n' "$label" "$wall" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
done
if [ -n "${seconds[1]:-}" ] && [ -n "${seconds[2]:-}" ]; then
  printf '%-55s %8.2f\n' "1 worker / 2 workers" "$(echo "${seconds[1]} / ${seconds[2]}" | bc -l)"
fi
