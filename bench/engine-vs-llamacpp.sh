#!/usr/bin/env bash
# Jack's embedded engine against llama.cpp on the same GGUF files, same thread count, runs interleaved:
#   prompt processing (llama-bench pp128 / jack bench engine pp128), single-stream decode (tg32),
#   batched decode of 4, 8, 16 sequences (llama-batched-bench S_TG / jack batchB),
#   server throughput under 16 concurrent /v1/completions requests (llama-server -np 8 / jack serve),
#   and each server's peak resident memory (VmHWM).
# Prints a markdown table of medians and ranges over the rounds, and the Jack/llama.cpp ratio of the medians.
#
# Usage: bench/engine-vs-llamacpp.sh LLAMA_BUILD_DIR MODEL_DIR [ROUNDS] [THREADS]
#   LLAMA_BUILD_DIR  a llama.cpp CMake build with bin/llama-bench, llama-batched-bench, llama-server, llama-quantize
#                    (build it outside the repository, from the node-llama-cpp npm package: see the README)
#   MODEL_DIR        where the models are (written first if missing: Q8_0 and F16 by Jack's RandomLlama, Llama 3.2 1B's
#                    shape with random weights; Q4_K_M and Q4_0 by llama-quantize from the F16 file)
#   ROUNDS           rounds of every measurement (default 3); THREADS threads of both engines (default 2)
#   TYPES (environment) the files to compare (default: q8_0 q4_k_m q4_0)
#   TG, SERVE_REQUESTS, SERVE_TOKENS (environment) tokens decoded per sequence (default 32), requests per server
#                    measurement (default 32) and tokens per request (default 64): smaller for a quicker run
#   SERVE_OPTS (environment) JVM options of jack serve (default -Xmx512m: SerialGC grows the heap rather than
#                    collect, so an unbounded heap takes whatever the machine has; 512 MB holds the prefix cache and
#                    16 sequences of a 1B model)
set -euo pipefail
if [ $# -lt 2 ]; then sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
llama="$(cd "$1" && pwd)/bin"
models="$(mkdir -p "$2" && cd "$2" && pwd)"
rounds="${3:-3}"
threads="${4:-2}"
types="${TYPES:-q8_0 q4_k_m q4_0}"
tg="${TG:-32}"
serve_requests="${SERVE_REQUESTS:-32}"
serve_tokens="${SERVE_TOKENS:-64}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jack="$root/jack"
for tool in llama-bench llama-batched-bench llama-server llama-quantize; do
  [ -x "$llama/$tool" ] || { echo "no $llama/$tool: build llama.cpp first" >&2; exit 2; }
done

model() { echo "$models/bench-1b-$1.gguf"; }
[ -f "$(model q8_0)" ] || "$jack" bench engine --type q8_0 --write-model "$(model q8_0)"
for type in q4_k_m q4_0; do
  if [ ! -f "$(model "$type")" ]; then
    [ -f "$(model f16)" ] || JACK_JAVA_OPTS="-Xmx8g" "$jack" bench engine --type f16 --write-model "$(model f16)"
    "$llama/llama-quantize" "$(model f16)" "$(model "$type")" "${type^^}" "$threads" >/dev/null 2>&1
  fi
done

results="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$results" "$log"' EXIT
note() { echo "$1 $2 $3 $4" >>"$results"; }   # model test engine value

wait_for() {   # a server's /v1/models answers
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$1/v1/models" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server on port $1 did not start" >&2; return 1
}
peak_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
drive() {   # the load driver against a server: generated tokens/s
  "$jack" bench engine --serve-url "http://127.0.0.1:$1/" --serve-model bench --repetitions 1 \
    --requests "$serve_requests" --concurrency 16 --serve-tokens "$serve_tokens" --serve-prompt 32 | awk '$1 ~ /^serve/ { print $2 }'
}

for round in $(seq 1 "$rounds"); do
  for type in $types; do
    m="$(model "$type")"
    echo "round $round, $type: $(uptime | sed 's/.*load/load/')" >&2

    "$llama/llama-bench" -m "$m" -t "$threads" -p 128 -n "$tg" -r 1 -o jsonl 2>>"$log" |
      sed -n 's/.*"n_prompt": *\([0-9]*\), *"n_gen": *\([0-9]*\).*"avg_ts": *\([0-9.e+-]*\).*/\1 \2 \3/p' |
      while read -r p n ts; do
        if [ "$n" = 0 ]; then note "$type" "pp$p" llama.cpp "$ts"; else note "$type" "tg$n" llama.cpp "$ts"; fi
      done
    "$jack" bench engine --model "$m" --threads "$threads" --repetitions 1 --requests 0 --prompt 128 --tokens "$tg" \
        --batch 1,4,8,16 --batch-prompt 16 2>>"$log" |
      awk -v t="$type" '$1 ~ /^(pp|tg|batch)[0-9]/ { print t, $1, "jack", $2 }' >>"$results"

    "$llama/llama-batched-bench" -m "$m" -t "$threads" -c 1024 -npp 16 -ntg "$tg" -npl 4,8,16 2>>"$log" |
      awk -v t="$type" -v n="$tg" -F'|' '$2 ~ /^ *16 *$/ && $3 + 0 == n { gsub(/ /, "", $4); gsub(/ /, "", $9); print t, "batch" $4, "llama.cpp", $9 }' >>"$results"

    port=$((18000 + RANDOM % 1000))
    "$llama/llama-server" -m "$m" -t "$threads" -np 8 -c 1024 --port "$port" --no-webui >>"$log" 2>&1 &
    server=$!
    if wait_for "$port"; then
      note "$type" serve16 llama.cpp "$(drive "$port")"
      note "$type" peak_mb llama.cpp "$(peak_mb "$server")"
    fi
    kill "$server"; wait "$server" 2>/dev/null || true

    port=$((19000 + RANDOM % 1000))
    JACK_JAVA_OPTS="${SERVE_OPTS:--Xmx512m}" "$jack" serve --model "$m" --threads "$threads" --port "$port" >>"$log" 2>&1 &
    server=$!
    if wait_for "$port"; then
      note "$type" serve16 jack "$(drive "$port")"
      note "$type" peak_mb jack "$(peak_mb "$server")"
    fi
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done

echo
echo "| file | test | llama.cpp | Jack | Jack / llama.cpp |"
echo "|---|---|---|---|---|"
for type in $types; do
  for test in pp128 "tg$tg" batch4 batch8 batch16 serve16 peak_mb; do
    row="| $type | $test |"
    medians=()
    for engine in llama.cpp jack; do
      values="$(awk -v t="$type" -v x="$test" -v e="$engine" '$1 == t && $2 == x && $3 == e && $4 != "" { print $4 }' "$results" | sort -g)"
      if [ -z "$values" ]; then row="$row – |"; medians+=(""); continue; fi
      summary="$(echo "$values" | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        printf "%.1f (%.1f–%.1f)", m, v[1], v[NR] }')"
      row="$row $summary |"
      medians+=("$(echo "$summary" | cut -d' ' -f1)")
    done
    if [ -n "${medians[0]}" ] && [ -n "${medians[1]}" ]; then
      row="$row $(awk -v a="${medians[1]}" -v b="${medians[0]}" 'BEGIN { printf "%.2f", a / b }') |"
    else
      row="$row – |"
    fi
    echo "$row"
  done
done
echo
echo "tokens/s (peak_mb: MB), median (range) of $rounds rounds, $threads threads; $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p')"
