"""The Python-reference equivalent of `jack score`: each sample row scored with Google's IFEval strict and
loose functions (evaluation_lib.test_instruction_following_strict/_loose), rewards as Jack computes them
(fraction of constraints followed), written as JSONL. Usage: score_ref.py PROMPTS SAMPLES OUT [LIMIT]"""
import json, sys
from instruction_following_eval import evaluation_lib

prompts = {}
with open(sys.argv[1]) as f:
    for line in f:
        row = json.loads(line)
        prompts[row["key"]] = evaluation_lib.InputExample(key=row["key"], instruction_id_list=row["instruction_id_list"],
                                                          prompt=row["prompt"], kwargs=row["kwargs"])
limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
n = 0
with open(sys.argv[2]) as f, open(sys.argv[3], "w") as out:
    for line in f:
        if limit is not None and n >= limit:
            break
        row = json.loads(line)
        inp = prompts[row["key"]]
        table = {inp.prompt: row["response"]}
        strict = evaluation_lib.test_instruction_following_strict(inp, table).follow_instruction_list
        loose = evaluation_lib.test_instruction_following_loose(inp, table).follow_instruction_list
        row["instruction_id_list"] = inp.instruction_id_list
        row["strict"] = strict
        row["loose"] = loose
        row["reward_strict"] = sum(strict) / len(strict)
        row["reward_loose"] = sum(loose) / len(loose)
        row["reward"] = row["reward_strict"]
        out.write(json.dumps(row) + "\n")
        n += 1
print("scored", n)
