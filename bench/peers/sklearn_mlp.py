"""scikit-learn peer: MLPClassifier with the task's hidden layers, ReLU,
softmax + log-loss, alpha=0 (no L2, as ours), the task's optimizer
(Adam with epsilon=1e-7 as ours / plain SGD without momentum), batch size and
epochs (max_iter), shuffle=True, and no early stop (tol=0, n_iter_no_change
huge). Its own Glorot-uniform init. Uses numpy's BLAS with its normal threads,
reported in the notes.

/usr/bin/python3 bench/peers/sklearn_mlp.py --task-file <json> [--rows N] [--epochs E]
"""
import sys
import time
import warnings

from bench_data import load, measured, parse_args, emit, skip


def blas_note():
    try:
        from threadpoolctl import threadpool_info

        pools = [f"{p.get('internal_api')} {p.get('num_threads')} thread(s)" for p in threadpool_info()]
        return "BLAS: " + (", ".join(pools) if pools else "unknown")
    except Exception as e:  # threadpoolctl missing or failing: still run
        return f"BLAS threads unknown ({e.__class__.__name__})"


def main():
    args = parse_args(sys.argv[1:])
    try:
        import numpy as np
        import sklearn
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        skip("python3-sklearn not installed (apt-get install python3-sklearn)")

    task, x, y, x_test, y_test = load(args["task_file"])
    rows = min(args["rows"] or task["trainRows"], len(x))
    epochs = args["epochs"] or task["epochs"]
    x, y = x[:rows], y[:rows]
    opt = task["optimizer"]
    common = dict(
        hidden_layer_sizes=tuple(task["hidden"]),
        activation="relu",
        alpha=0.0,
        batch_size=task["batchSize"],
        learning_rate_init=opt["learningRate"],
        max_iter=epochs,
        shuffle=True,
        tol=0.0,
        n_iter_no_change=10**9,
        early_stopping=False,
        random_state=task["modelSeed"],
    )
    if opt["kind"] == "adam":
        clf = MLPClassifier(solver="adam", epsilon=1e-7, **common)
    else:
        clf = MLPClassifier(solver="sgd", momentum=0.0, nesterovs_momentum=False, learning_rate="constant", **common)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0, c0 = time.perf_counter(), time.process_time()
        clf.fit(x, y)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    accuracy = float(np.mean(clf.predict(x_test) == y_test))
    notes = [f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, {blas_note()}"]
    if clf.n_iter_ != epochs:
        notes.append(f"stopped after {clf.n_iter_} of {epochs} epochs")
    emit(measured(rows, epochs, seconds, accuracy, notes, cpu))


main()
