"""PyTorch peer, one thread: nn.Sequential of Linear + ReLU with a final
Linear, CrossEntropyLoss on the logits (= softmax + cross-entropy), the task's
optimizer (Adam eps=1e-7 as ours / plain SGD), manual batching over a fresh
random permutation each epoch (no DataLoader). Init as ours: He uniform for
the ReLU layers, Glorot uniform for the output layer, zero biases.

/usr/bin/python3 bench/peers/torch_mlp.py --task-file <json> [--rows N] [--epochs E]
"""
import sys
import time

from bench_data import load, measured, parse_args, emit, skip


def main():
    args = parse_args(sys.argv[1:])
    try:
        import torch
        from torch import nn
    except ImportError:
        skip("python3-torch not installed (apt-get install python3-torch)")

    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    task, x_np, y_np, x_test_np, y_test_np = load(args["task_file"])
    rows = min(args["rows"] or task["trainRows"], len(x_np))
    epochs = args["epochs"] or task["epochs"]
    torch.manual_seed(task["modelSeed"])

    layers = []
    fan_in = task["features"]
    for units in task["hidden"]:
        lin = nn.Linear(fan_in, units)
        nn.init.kaiming_uniform_(lin.weight, nonlinearity="relu")
        nn.init.zeros_(lin.bias)
        layers += [lin, nn.ReLU()]
        fan_in = units
    out = nn.Linear(fan_in, task["classes"])
    nn.init.xavier_uniform_(out.weight)
    nn.init.zeros_(out.bias)
    model = nn.Sequential(*layers, out)

    opt = task["optimizer"]
    if opt["kind"] == "adam":
        optimizer = torch.optim.Adam(model.parameters(), lr=opt["learningRate"], eps=1e-7)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=opt["learningRate"])
    loss_fn = nn.CrossEntropyLoss()

    x = torch.from_numpy(x_np[:rows].copy())
    y = torch.from_numpy(y_np[:rows].astype("int64"))
    batch = task["batchSize"]

    model.train()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(epochs):
        perm = torch.randperm(rows)
        for start in range(0, rows, batch):
            idx = perm[start:start + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0

    model.eval()
    with torch.no_grad():
        pred = model(torch.from_numpy(x_test_np.copy())).argmax(dim=1).numpy()
    accuracy = float((pred == y_test_np).mean())
    notes = [f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)"]
    emit(measured(rows, epochs, seconds, accuracy, notes, cpu))


main()
