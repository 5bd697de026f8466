"""Shared helpers of the Python peers: read the task files written by
bench/dataset-file.ts and print the result line bench/protocol.ts expects."""
import json
import sys

RESULT_PREFIX = "@@bench-result "
MAGIC = 0x42505344


def emit(result):
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()


def skip(reason):
    emit({"skipped": reason})
    sys.exit(0)


def parse_args(argv):
    """--task-file <json> [--rows N] [--epochs E]"""
    args = {"rows": None, "epochs": None}
    i = 0
    while i < len(argv):
        if argv[i] == "--task-file":
            args["task_file"] = argv[i + 1]
        elif argv[i] in ("--rows", "--epochs"):
            args[argv[i][2:]] = int(argv[i + 1])
        i += 2
    if "task_file" not in args:
        raise SystemExit("missing --task-file <path>")
    return args


def load(task_file):
    """Returns (task dict, x_train, y_train, x_test, y_test) as numpy arrays."""
    import numpy as np

    with open(task_file) as f:
        task = json.load(f)
    raw = np.fromfile(task["dataPath"], dtype="<u1")
    header = raw[:20].view("<i4")
    magic, n_train, n_test, features, classes = (int(v) for v in header)
    if magic != MAGIC or features != task["features"] or classes != task["classes"]:
        raise SystemExit(f"{task['dataPath']} is not the data of task {task['id']}")
    off = 20

    def take(dtype, count):
        nonlocal off
        arr = raw[off:off + 4 * count].view(dtype)
        off += 4 * count
        return arr

    x_train = take("<f4", n_train * features).reshape(n_train, features)
    y_train = take("<i4", n_train)
    x_test = take("<f4", n_test * features).reshape(n_test, features)
    y_test = take("<i4", n_test)
    return task, x_train, y_train, x_test, y_test


def measured(train_rows, epochs, seconds, accuracy, notes, cpu_seconds):
    return {
        "cpuSeconds": cpu_seconds,
        "samplesPerSec": train_rows * epochs / seconds,
        "accuracy": float(accuracy),
        "trainRows": int(train_rows),
        "epochs": int(epochs),
        "seconds": seconds,
        "notes": notes,
    }
