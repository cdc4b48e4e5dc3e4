#!/usr/bin/env bash
# Two builds' warm IFBench verification (strict + loose, 1 thread) compared in ONE JVM, per CPU-second: each build's
# jars in a class loader of their own, taking turns in half-second windows once the JIT is idle. On a shared machine
# this tells apart changes of a few percent that separate `jack bench verify` runs cannot (their figures for one build
# varied 20-40% with the other processes' load). Run each comparison in both orders: same-build A/A runs gave B/A
# 0.95-0.97 (the second build compiled later), and one run's figure moves by about 5%.
#
#   bench/verify-ab.sh LIBS_A LIBS_B [SETS] [WINDOWS]
#
# LIBS_x: a folder of a build's jars (jack-cli/target/lib of a worktree built with mvn package). SETS: response sets
# of ../shared/ifbench/ifbench/responses (default "r0 r1 r2"); WINDOWS: pairs of half-second windows (default 12).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
a="$(cd "$1" && pwd)"
b="$(cd "$2" && pwd)"
sets="${3:-r0 r1 r2}"
windows="${4:-12}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for side in a b; do
  libs="${!side}"
  mkdir -p "$work/$side"
  "$java_home/bin/javac" -d "$work/$side" -cp "$(printf '%s:' "$libs"/*.jar)" "$root/bench/verify-ab/VerifyPass.java"
done
"$java_home/bin/javac" -d "$work/main" "$root/bench/verify-ab/VerifyAb.java"
for set in $sets; do
  "$java_home/bin/java" -XX:+UseSerialGC -cp "$work/main" VerifyAb "$root/../shared/ifbench/ifbench" "$set" "$windows" \
      "$work/a" "$a" "$work/b" "$b"
done
