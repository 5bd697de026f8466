"""Oracle for tests/integration/torch-oracle.test.ts.

Reads a JSON job on stdin: layer sizes, activations, initial weights, rows,
optimizer settings; trains a PyTorch network the same way the studio's core
does (fixed batch order, no shuffling) and prints the epoch losses and the
final weights as JSON. Run with /usr/bin/python3 (Debian's python3-torch).
"""
import json
import sys

import torch

torch.set_num_threads(1)
job = json.load(sys.stdin)
torch.manual_seed(0)

acts = {
    "linear": lambda z: z,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "elu": torch.nn.functional.elu,
    "leaky-relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01),
}

layers = []
for spec in job["layers"]:
    w = torch.tensor(spec["w"], dtype=torch.float32).reshape(spec["inputs"], spec["units"]).requires_grad_()
    b = torch.tensor(spec["b"], dtype=torch.float32).requires_grad_() if spec["b"] is not None else None
    layers.append((w, b, spec["activation"]))

x = torch.tensor(job["x"], dtype=torch.float32).reshape(job["rows"], -1)
y = torch.tensor(job["y"], dtype=torch.float32).reshape(job["rows"], -1)


def forward(xb):
    a = xb
    for i, (w, b, act) in enumerate(layers):
        z = a @ w + (b if b is not None else 0)
        if i == len(layers) - 1:
            return z
        a = acts[act](z)


def loss_fn(z, yb):
    kind = job["loss"]
    if kind == "categorical-crossentropy":
        return -(yb * torch.log_softmax(z, dim=1)).sum(dim=1).mean()
    if kind == "binary-crossentropy":
        return torch.nn.functional.binary_cross_entropy_with_logits(z, yb)
    out_act = layers[-1][2]
    out = torch.softmax(z, dim=1) if out_act == "softmax" else acts[out_act](z)
    if kind == "mse":
        return ((out - yb) ** 2).mean()
    if kind == "half-sse":
        return 0.5 * ((out - yb) ** 2).sum(dim=1).mean()
    raise ValueError(kind)


opt = job["optimizer"]
kernels = [w for (w, _, _) in layers]
biases = [b for (_, b, _) in layers if b is not None]
lr = opt["learningRate"]
l2 = job.get("l2", 0.0)
kind = opt["kind"]
if kind in ("sgd", "momentum", "nesterov"):
    mom = 0.0 if kind == "sgd" else 0.9
    groups = [{"params": kernels, "weight_decay": l2}, {"params": biases, "weight_decay": 0.0}]
    o = torch.optim.SGD(groups, lr=lr, momentum=mom, nesterov=(kind == "nesterov"))
elif kind == "rmsprop":
    o = torch.optim.RMSprop(kernels + biases, lr=lr, alpha=0.9, eps=1e-7)
elif kind == "adam":
    o = torch.optim.Adam(kernels + biases, lr=lr, eps=1e-7)
elif kind == "adamw":
    groups = [{"params": kernels, "weight_decay": 0.01}, {"params": biases, "weight_decay": 0.0}]
    o = torch.optim.AdamW(groups, lr=lr, eps=1e-7)
else:
    raise ValueError(kind)

bs = job["batchSize"]
losses = []
for epoch in range(job["epochs"]):
    total = 0.0
    for r0 in range(0, job["rows"], bs):
        xb, yb = x[r0:r0 + bs], y[r0:r0 + bs]
        o.zero_grad()
        loss = loss_fn(forward(xb), yb)
        penalty = 0.5 * l2 * sum((w ** 2).sum() for w in kernels) if l2 else 0.0
        total += (float(loss) + float(penalty)) * xb.shape[0]
        loss.backward()
        o.step()
    losses.append(total / job["rows"])

out = {"losses": losses, "weights": []}
for w, b, _ in layers:
    out["weights"].append(w.detach().reshape(-1).tolist())
    if b is not None:
        out["weights"].append(b.detach().tolist())
json.dump(out, sys.stdout)
