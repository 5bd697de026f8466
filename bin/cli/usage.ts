/** Help texts of `backprop-studio` and its commands (printed by `--help`). */

export const MAIN_USAGE = `Usage: backprop-studio <command> [options]

Commands:
  train <data.csv> --target <column> --out <model.json>   train a network on a CSV file
  evaluate <model.json> <data.csv>                         loss and metrics on a CSV file
  predict <model.json> <data.csv> --out <predictions.csv>  predictions for every row
  export <model.json> --format onnx|tfjs|python|js --out <path>
  inspect <model.json>                                      layers, parameters, inputs and outputs

Run backprop-studio <command> --help for a command's options.`;

export const EVALUATE_USAGE = `Usage: backprop-studio evaluate <model.json> <data.csv> [--json]

Measures the model on every row of the CSV file that has a target value:
loss and accuracy (classification) or MAE, RMSE and R² (regression).

Options:
  --json   print one JSON object {"rows", "metrics"}
  --help   show this help`;

export const PREDICT_USAGE = `Usage: backprop-studio predict <model.json> <data.csv> [--out <predictions.csv>]

Writes every row of the CSV file followed by the predicted class and class
probabilities, or the predicted values. Without --out, the CSV goes to stdout.

Options:
  --out <path>   where to write the predictions CSV
  --help         show this help`;

export const EXPORT_USAGE = `Usage: backprop-studio export <model.json> --format <format> --out <path>

Formats:
  onnx     one .onnx file (preprocessing included)
  tfjs     a directory with model.json and weights.bin (TensorFlow.js layers model)
  python   one .py file (NumPy, preprocessing included)
  js       one .mjs module exporting predict(record) (no dependencies)

Options:
  --format <format>   onnx | tfjs | python | js (required)
  --out <path>        file, or directory for tfjs (required)
  --help              show this help`;

export const INSPECT_USAGE = `Usage: backprop-studio inspect <model.json>

Prints the task, the input and output columns, the layers with their sizes
and parameter counts, and a summary of the training history.

Options:
  --help   show this help`;
