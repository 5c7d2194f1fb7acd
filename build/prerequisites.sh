# Shared set-up for README's commands: system packages the product and its tests need, installed
# once (root or sudo), then nothing on later runs.
ensure_system_packages() {
  # postgresql: the store tests run against a real server too (a throw-away cluster on a loopback port).
  local wanted=(ffmpeg chromium fonts-dejavu-core postgresql)
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints "N passed, N failed, N skipped" over all TRX files in a folder.
summarise_trx() {
  local folder=$1
  local passed=0 failed=0 skipped=0
  for trx in "$folder"/*.trx; do
    [ -f "$trx" ] || continue
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    local p f t e
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
  done
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
}

# One header line for the test log, so a failure report says on what it ran: numerical tests compare float32
# results that depend on the CPU's kernels (AVX2 vs AVX-512, Intel vs AMD), see README "Numerical tolerances".
describe_machine() {
  local model vendor simd libtorch torchsharp
  model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | xargs)
  vendor=$(grep -m1 '^vendor_id' /proc/cpuinfo | cut -d: -f2- | xargs)
  simd=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'avx2|fma|avx512f|avx512bw|avx512_vnni|amx_tile' | sort | xargs)
  libtorch=$(sed -n 's/.*"libtorch-cpu-linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
  torchsharp=$(sed -n 's/.*"TorchSharp" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
  echo "Machine: ${model:-unknown CPU} (${vendor:-unknown vendor}, $(nproc) cores; ${simd:-no AVX2}); libtorch-cpu ${libtorch} via TorchSharp ${torchsharp}; ATEN_CPU_CAPABILITY=${ATEN_CPU_CAPABILITY:-auto}; $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /')"
}

# Puts README's `pairwisecl` command on PATH: a link from /usr/local/bin to build/pairwisecl (root or sudo).
# Skipped quietly where neither is available; build/pairwisecl works by its path too.
ensure_cli_command() {
  local target
  target="$(pwd)/build/pairwisecl"
  [ "$(readlink -f /usr/local/bin/pairwisecl 2>/dev/null)" = "$target" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || { echo "note: call build/pairwisecl by its path (no root to link it into /usr/local/bin)"; return 0; }
    sudo="sudo"
  fi
  $sudo ln -sfn "$target" /usr/local/bin/pairwisecl && echo "Linked /usr/local/bin/pairwisecl -> $target"
}
