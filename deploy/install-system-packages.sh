#!/usr/bin/env bash
# The Debian 12 (bookworm) packages of the reference server, in one place:
#   --runtime  what the server needs to run: the code sandbox, every language toolchain the
#              embedded executor detects (server/src/adapters/executor/languages.ts; JavaScript and
#              TypeScript run on the server's own Node), Chromium and fonts for PDF reports, and
#              tini as the container's PID 1. The Dockerfile's runtime stage installs this.
#   --ci       what .ci/run installs before `npm ci`: a C++ toolchain and Python (better-sqlite3
#              compiles from source), PostgreSQL and Redis (real services in the tests). Everything
#              else the tests need (the sandbox, Chromium, poppler, the JDK, iproute2) is left to
#              `npm test`, which installs it itself as on a developer's fresh machine — so CI proves
#              that promise instead of hiding it.
#   --list     print the chosen set's package names, one a line, and install nothing.
# Installs only what is missing (as root, with apt-get, without recommended extras); prints what it
# does. `npm test` keeps its own smaller check (scripts/lib/system-packages.mjs) for developers.
set -euo pipefail

RUNTIME_PACKAGES=(
  ca-certificates
  tini                 # PID 1 that reaps: bubblewrap leaves each sandbox's init to the parent's init
  bubblewrap           # the code sandbox
  util-linux           # prlimit (the sandbox's rlimits), setpriv
  mount                # mount/umount: the sandbox's capped tmpfs scratch space
  python3              # Python
  gcc g++ libc6-dev    # C and C++
  default-jdk-headless # Java (javac and java, OpenJDK 17)
  golang-go            # Go
  ruby                 # Ruby
  chromium             # PDF reports (launched at /usr/lib/chromium/chromium)
  fonts-liberation fonts-dejavu-core # the reports' text in Chromium
)
CI_PACKAGES=(
  build-essential      # better-sqlite3 compiles from source when no prebuilt binary fits
  python3              # node-gyp
  postgresql           # a throwaway cluster for the database tests
  redis-server         # Redis for the multi-instance tests
)

set_name=""
list_only=false
for arg in "$@"; do
  case "$arg" in
    --runtime | --ci) set_name="${arg#--}" ;;
    --list) list_only=true ;;
    *)
      echo "Usage: $0 --runtime|--ci [--list]" >&2
      exit 2
      ;;
  esac
done
if [[ -z "$set_name" ]]; then
  echo "Usage: $0 --runtime|--ci [--list]" >&2
  exit 2
fi

if [[ "$set_name" == runtime ]]; then packages=("${RUNTIME_PACKAGES[@]}"); else packages=("${CI_PACKAGES[@]}"); fi

if $list_only; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)" == "install ok installed" ]] || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  echo "System packages ($set_name): all ${#packages[@]} present."
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them as root: sudo $0 --$set_name" >&2
  exit 1
fi

echo "Installing ${missing[*]}…"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
