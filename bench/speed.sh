#!/usr/bin/env bash
# Whole-command speed of jack eval, jack score and jack synth against the Python reference on the same rows (issue 20),
# interleaved so that a shared machine's load falls on both sides alike. Prints wall and CPU seconds per command and
# the wall-time ratios.
#
#   [PYTHON=python3] bench/speed.sh REF [ROUNDS]
#
# REF: a folder holding Google's scorer (its instruction_following_eval package) and nltk_data/ with punkt, as
# google-research/instruction_following_eval runs it. The workloads (bench/workloads.py) go to /tmp/jack-speed:
# 54,100 eval rows (the Python side gets the first 5,410, scaled by 10: it takes minutes per 5,410) and 384,000
# score samples of 48,000 synthesized prompts (the Python side gets the first 9,600, scaled by 40).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ref="$(cd "$1" && pwd)"
rounds="${2:-2}"
shared="$root/../shared/ifeval"
w=/tmp/jack-speed
jack="$root/jack"
py="${PYTHON:-python3}"  # the Python that has the reference's packages (absl, nltk, langdetect, immutabledict)
mkdir -p "$w" "$w/out-py-eval"
[ -f "$w/eval/responses.jsonl" ] || python3 "$root/bench/workloads.py" eval --ifeval "$shared" --copies 100 --out "$w/eval"
[ -f "$w/eval10/responses.jsonl" ] || python3 "$root/bench/workloads.py" eval --ifeval "$shared" --copies 10 --out "$w/eval10"
if [ ! -f "$w/score/samples.jsonl" ]; then
  "$jack" synth --count 48000 --seed 1 --out "$w/synth/prompts.jsonl" --witnesses "$w/synth/witnesses.jsonl" >/dev/null
  python3 "$root/bench/workloads.py" score --synth "$w/synth" --samples 8 --out "$w/score"
fi
"$jack" --version >/dev/null  # builds the jar and the AOT cache outside the timings

# Runs a command, prints "LABEL wall user+sys" and leaves the wall seconds in $secs.
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$w/time" "$@" >/dev/null 2>"$w/stderr" || { cat "$w/stderr" >&2; exit 1; }
  read -r secs user sys < "$w/time"
  printf '%-34s %8.2f s wall %8.2f s CPU\n' "$label" "$secs" "$(echo "$user + $sys" | bc)"
}
ratio() { printf '%-34s %8.1fx (wall, Python scaled by %s)\n' "$1" "$(echo "$3 * $4 / $2" | bc -l)" "$4"; }

for round in $(seq "$rounds"); do
  echo "== round $round (load $(cut -d' ' -f1 /proc/loadavg))"
  timed "jack eval, 54,100 rows" "$jack" eval --responses "$w/eval/responses.jsonl" --input-data "$w/eval/input_data.jsonl" \
    --punkt-dir "$shared/punkt_tab" --output-dir "$w/out-eval"; jack_eval=$secs
  timed "python evaluation_main, 5,410 rows" env NLTK_DATA="$ref/nltk_data" bash -c "cd '$ref' && exec $py -m instruction_following_eval.evaluation_main \
    --input_data='$w/eval10/input_data.jsonl' --input_response_data='$w/eval10/responses.jsonl' --output_dir='$w/out-py-eval'"; py_eval=$secs
  ratio "eval: jack / python" "$jack_eval" "$py_eval" 10
  timed "jack score, 384,000 samples" "$jack" score --prompts "$w/score/prompts.jsonl" --samples "$w/score/samples.jsonl" \
    --punkt-dir "$shared/punkt_tab" --out "$w/out-score/scored.jsonl"; jack_score=$secs
  timed "python score_ref.py, 9,600 samples" env NLTK_DATA="$ref/nltk_data" PYTHONPATH="$ref" bash -c "cd '$ref' && exec $py '$root/bench/score_ref.py' \
    '$w/score/prompts.jsonl' '$w/score/samples.jsonl' '$w/out-py-score.jsonl' 9600"; py_score=$secs
  ratio "score: jack / python" "$jack_score" "$py_score" 40
  timed "jack synth --count 48000" "$jack" synth --count 48000 --seed 1 --out "$w/out-synth/prompts.jsonl" \
    --witnesses "$w/out-synth/witnesses.jsonl" --stats "$w/out-synth/stats.json"
done
