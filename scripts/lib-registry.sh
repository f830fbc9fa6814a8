# Shared by the robustness scripts (sourced, not run): builds the tool in
# release mode unless BIN names a binary already built, and makes a fresh
# registry with its registrar key in a temporary folder removed on exit.
#
#   new_registry ORIGIN     sets BIN, work, registry; writes $work/registrar
new_registry() {
    if [ -z "${BIN:-}" ]; then
        swift build -c release --product declaration 2>&1 | grep -E "error|warning" || true
        BIN=$(swift build -c release --show-bin-path)/declaration
    fi
    BIN=$(realpath "$BIN")
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    registry=$work/registry
    "$BIN" keygen --out "$work/registrar" > /dev/null
    "$BIN" init --origin "$1" --registrar-key "$work/registrar" --registry "$registry" > /dev/null
}
