#!/usr/bin/env bash
# Installs Debian packages with apt-get (through sudo when not root), without the
# packages they only recommend; prints apt's words on stderr. Does nothing when given
# no package. The packaging scripts call it for what they find missing.
set -euo pipefail
[ "$#" -gt 0 ] || exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
{
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
  $sudo apt-get clean
} >&2
