#!/bin/sh
# Renders docs/man/declaration.1 from the command definitions (through
# `declaration --experimental-dump-help`) and writes it into the checkout.
# The renderer is Tests/TestSupport/ManualPage.swift; the same test that
# writes the page here fails whenever the committed page is not the one the
# commands give, so run this after changing any command's help, and commit
# the page.
#
# Usage (from the package root): scripts/generate-manual.sh
set -eu
cd "$(dirname "$0")/.."
mkdir -p docs/man
DECLARATION_WRITE_MANUAL=1 swift test --filter CommandLineConventionsTests/theCommittedManualPageIsRenderedFromTheCommands
echo "wrote docs/man/declaration.1 (view it with: man -l docs/man/declaration.1)"
