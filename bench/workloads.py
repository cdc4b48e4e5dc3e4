#!/usr/bin/env python3
"""Writes the speed workloads of issue 20 (standard library only; any Python 3.9+).

  workloads.py eval  --ifeval ../shared/ifeval --copies 100 --out /tmp/speed/eval
      IFEval's 541 prompts with the GPT-4 responses, repeated COPIES times (54,100 rows at 100). Copy 0 is
      the original data; copy c > 0 appends " [copy c]" to each prompt and adds c * 100000 to each key, so
      every prompt and key is distinct and responses still match by prompt text, as the reference scorer
      matches them. Writes input_data.jsonl and responses.jsonl.

  workloads.py score --synth DIR --samples 8 --out /tmp/speed/score
      Score rows for `jack score`: for each prompt of DIR/prompts.jsonl (from `jack synth --witnesses`),
      SAMPLES responses built from its witness in DIR/witnesses.jsonl: the witness itself, then seeded
      perturbations that make some constraints fail (lowercased, uppercased, first line dropped, last
      paragraph dropped, commas and asterisks removed, cut in half, another prompt's witness), cycling
      when SAMPLES > 8. Writes prompts.jsonl (a copy) and samples.jsonl (key, sample_index, prompt,
      response). Sampling the embedded tiny model instead would take hours for 384,000 rows on 2 cores.
"""
import argparse
import json
import os
import random
import shutil


def write_eval(ifeval, copies, out):
    with open(os.path.join(ifeval, "input_data.jsonl"), encoding="utf-8") as f:
        prompts = [json.loads(line) for line in f if line.strip()]
    responses = {}
    with open(os.path.join(ifeval, "responses_gpt4.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                responses[row["prompt"]] = row["response"]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "input_data.jsonl"), "w", encoding="utf-8") as fi, \
            open(os.path.join(out, "responses.jsonl"), "w", encoding="utf-8") as fr:
        for c in range(copies):
            for p in prompts:
                prompt = p["prompt"] if c == 0 else p["prompt"] + " [copy %d]" % c
                row = dict(p, key=p["key"] + c * 100000, prompt=prompt)
                fi.write(json.dumps(row) + "\n")
                fr.write(json.dumps({"prompt": prompt, "response": responses[p["prompt"]]}) + "\n")
    print("wrote %d rows to %s" % (copies * len(prompts), out))


def perturb(kind, witness, other, rng):
    if kind == 0:
        return witness
    if kind == 1:
        return witness.lower()
    if kind == 2:
        return witness.upper()
    if kind == 3:
        return witness.split("\n", 1)[-1]
    if kind == 4:
        return witness.rsplit("\n\n", 1)[0]
    if kind == 5:
        return witness.replace(",", "").replace("*", "")
    if kind == 6:
        return witness[: max(1, len(witness) // 2 + rng.randrange(0, 1 + len(witness) // 4))]
    return other


def write_score(synth, samples, out):
    witnesses = []
    with open(os.path.join(synth, "witnesses.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                witnesses.append(json.loads(line))
    os.makedirs(out, exist_ok=True)
    shutil.copyfile(os.path.join(synth, "prompts.jsonl"), os.path.join(out, "prompts.jsonl"))
    n = 0
    with open(os.path.join(out, "samples.jsonl"), "w", encoding="utf-8") as fs:
        for i, w in enumerate(witnesses):
            rng = random.Random(w["key"])
            other = witnesses[(i + 1 + rng.randrange(len(witnesses) - 1)) % len(witnesses)]["response"]
            for s in range(samples):
                response = perturb(s % 8, w["response"], other, rng)
                fs.write(json.dumps({"key": w["key"], "sample_index": s, "prompt": w["prompt"], "response": response}) + "\n")
                n += 1
    print("wrote %d samples for %d prompts to %s" % (n, len(witnesses), out))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    e = sub.add_parser("eval")
    e.add_argument("--ifeval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "ifeval"))
    e.add_argument("--copies", type=int, default=100)
    e.add_argument("--out", default="/tmp/speed/eval")
    s = sub.add_parser("score")
    s.add_argument("--synth", required=True)
    s.add_argument("--samples", type=int, default=8)
    s.add_argument("--out", default="/tmp/speed/score")
    a = ap.parse_args()
    if a.what == "eval":
        write_eval(a.ifeval, a.copies, a.out)
    else:
        write_score(a.synth, a.samples, a.out)


if __name__ == "__main__":
    main()
