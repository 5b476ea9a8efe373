# Shared by scripts/run and scripts/test: install what is missing, quietly and non-interactively.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Tools installed with `cargo install` (tauri-driver, cargo-nextest) live here.
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

# Debian packages to build the Tauri app, run it headless, and test it.
BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl file pkg-config libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev fonts-noto-cjk)
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver gcc-mingw-w64-x86-64 imagemagick sqlite3 postgresql postgresql-client
  poppler-utils qpdf)

ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Rust (rustup) and Node.js ≥ 20.19 are the two prerequisites the scripts cannot install from
# the package registries this project may use; say so plainly instead of failing later.
ensure_toolchains() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "需要 Rust：请先安装 rustup（https://rustup.rs），再运行本脚本。" >&2
    exit 1
  fi
  local node_version
  node_version="$(node -v 2>/dev/null || true)"
  if ! printf '%s\n' "$node_version" | grep -Eq '^v(20\.(19|[2-9][0-9])|2[2-9]|[3-9][0-9])\.'; then
    echo "需要 Node.js 20.19 以上（或 22.12 以上）与 npm，当前：${node_version:-未安装}。" >&2
    exit 1
  fi
  local c
  for c in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
  done
}

ensure_cargo_tool() { # binary crate version
  command -v "$1" >/dev/null 2>&1 && return 0
  step "Installing $2 $3"
  cargo install "$2" --locked --version "$3"
}

ensure_ui_deps() {
  local ui="$ROOT/ui"
  if [ ! -d "$ui/node_modules" ] || [ "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
    step "Installing UI packages (npm ci)"
    (cd "$ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The Windows bundle ships the PDF font next to the app (src-tauri/tauri.windows.conf.json lists
# it as a resource, and Tauri's build script refuses a missing resource). Here Debian's copy of
# the same upstream file stands in; the Windows CI workflow downloads it instead.
BUNDLED_FONT_SOURCE=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
stage_bundled_font() {
  mkdir -p "$ROOT/src-tauri/fonts"
  ln -sf "$BUNDLED_FONT_SOURCE" "$ROOT/src-tauri/fonts/NotoSerifCJK-Regular.ttc"
}

build_ui() {
  ensure_ui_deps
  step "Building the UI"
  (cd "$ROOT/ui" && npm run --silent build)
}

# Starts Xvfb on a free display and exports DISPLAY; stopped by stop_xvfb. Waits for the server's
# own readiness report (-displayfd) rather than sleeping.
# The sync tests need the machine's PostgreSQL on 127.0.0.1:5432 (trust auth for local TCP).
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
  [ -n "$version" ] || { echo "PostgreSQL is not installed (apt package postgresql)"; return 1; }
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  echo "PostgreSQL did not start on 127.0.0.1:5432"; return 1
}

start_xvfb() {
  local fifo
  fifo="$(mktemp -u)"
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
  XVFB_PID=$!
  local display=""
  read -r -t 30 display <"$fifo" || true
  rm -f "$fifo"
  if [ -z "$display" ]; then
    echo "Xvfb did not start (no display number within 30 s)" >&2
    kill "$XVFB_PID" 2>/dev/null || true
    exit 1
  fi
  export DISPLAY=":$display"
  echo "Xvfb on $DISPLAY (pid $XVFB_PID)"
}

stop_xvfb() {
  if [ -n "${XVFB_PID:-}" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
  fi
}
