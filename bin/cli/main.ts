/**
 * Entry of the `backprop-studio` command (started by `bin/backprop-studio.mjs`).
 * Every user error is printed as one line, `backprop-studio: <message>`, on
 * stderr with exit code 1; `--help` anywhere prints the command's usage.
 */
import { writeFile } from 'node:fs/promises';
import { CliError, cliFail, hasFlag, optionText, parseArgs, positionals, requiredOption, choiceOption, type OptionSpec, type ParsedArgs } from './args';
import { readModel, readTable } from './load';
import { EXPORT_FORMATS, evaluateModel, exportModel, inspectText, predictCsv } from './model-commands';
import { train } from './train';
import { TRAIN_OPTIONS, TRAIN_USAGE, trainArgs } from './train-options';
import { EVALUATE_USAGE, EXPORT_USAGE, INSPECT_USAGE, MAIN_USAGE, PREDICT_USAGE } from './usage';

interface Command {
  usage: string;
  options: OptionSpec;
  run(args: ParsedArgs): Promise<void>;
}

const print = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

const COMMANDS: Readonly<Record<string, Command>> = {
  train: {
    usage: TRAIN_USAGE,
    options: TRAIN_OPTIONS,
    async run(args) {
      const [data] = positionals(args, 'train', ['data.csv']);
      const a = trainArgs(data!, args);
      const summary = await train(a, process.stdout);
      if (a.json) {
        print(JSON.stringify(summary));
        return;
      }
      for (const [split, m] of Object.entries(summary.metrics)) {
        if (m) print(`${split.padEnd(10)} ${Object.entries(m).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ')}`);
      }
      print(`wrote ${a.out} (${summary.seconds.toFixed(1)} s)`);
    },
  },
  evaluate: {
    usage: EVALUATE_USAGE,
    options: { json: 'flag' },
    async run(args) {
      const [model, data] = positionals(args, 'evaluate', ['model.json', 'data.csv']);
      const file = await readModel(model!);
      const result = evaluateModel(file, await readTable(data!));
      if (hasFlag(args, 'json')) {
        print(JSON.stringify(result));
        return;
      }
      print(`rows ${result.rows}`);
      for (const [k, v] of Object.entries(result.metrics)) print(`${k} ${v.toFixed(4)}`);
    },
  },
  predict: {
    usage: PREDICT_USAGE,
    options: { out: 'value' },
    async run(args) {
      const [model, data] = positionals(args, 'predict', ['model.json', 'data.csv']);
      const file = await readModel(model!);
      const csv = predictCsv(file, await readTable(data!), (m) => process.stderr.write(`backprop-studio: warning: ${m}\n`));
      const out = optionText(args, 'out');
      if (out === undefined) {
        process.stdout.write(csv);
        return;
      }
      await writeFile(out, csv).catch((e: unknown) => cliFail(`cannot write ${out}: ${e instanceof Error ? e.message : String(e)}`));
    },
  },
  export: {
    usage: EXPORT_USAGE,
    options: { format: 'value', out: 'value' },
    async run(args) {
      const [model] = positionals(args, 'export', ['model.json']);
      requiredOption(args, 'export', 'format');
      const format = choiceOption(args, 'format', EXPORT_FORMATS, 'onnx');
      const out = requiredOption(args, 'export', 'out');
      const written = await exportModel(await readModel(model!), format, out);
      for (const path of written) print(`wrote ${path}`);
    },
  },
  inspect: {
    usage: INSPECT_USAGE,
    options: {},
    async run(args) {
      const [model] = positionals(args, 'inspect', ['model.json']);
      print(inspectText(await readModel(model!)));
    },
  },
};

/** Runs the command line `argv` (without `node` and the script); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      print(MAIN_USAGE);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) cliFail(`unknown command "${name}"; run backprop-studio --help`);
    // --help wins over any other problem on the line.
    if (rest.includes('--help') || rest.includes('-h')) {
      print(command.usage);
      return 0;
    }
    await command.run(parseArgs(name, rest, command.options));
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`backprop-studio: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`backprop-studio: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
