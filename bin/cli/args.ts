/**
 * Command-line parsing for `backprop-studio`: a small strict parser (every
 * option is declared; `--name value` or `--name=value`) and validators whose
 * failures are `CliError`s worded as "expected …, got …".
 */

/** A failure the user caused; `main` prints its message on one line and exits 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Throws a `CliError`. */
export function cliFail(message: string): never {
  throw new CliError(message);
}

/** Option names a command accepts: `value` options take an argument, `flag` options do not. */
export type OptionSpec = Readonly<Record<string, 'value' | 'flag'>>;

/** Positional arguments and option values as given (flags map to `true`). */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/**
 * Splits `argv` into positionals and declared options. `--help` is always
 * accepted as a flag.
 *
 * @throws CliError for an undeclared option or a value option without a value.
 */
export function parseArgs(command: string, argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const all: OptionSpec = { ...spec, help: 'flag' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = all[name];
    if (kind === undefined) cliFail(`unknown option --${name} for "${command}"; run backprop-studio ${command} --help`);
    if (kind === 'flag') {
      if (eq >= 0) cliFail(`option --${name} takes no value, got "${arg.slice(eq + 1)}"`);
      options.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) cliFail(`option --${name} expects a value`);
    options.set(name, value);
  }
  return { positionals, options };
}

/** The value of a value option, or undefined when absent. */
export function optionText(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return v === true ? undefined : v;
}

/** Whether a flag was given. */
export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}

/** A number option checked by `ok` (described by `what`, e.g. "a positive number"), or the default. */
export function numberOption(args: ParsedArgs, name: string, fallback: number, what: string, ok: (n: number) => boolean): number {
  const text = optionText(args, name);
  if (text === undefined) return fallback;
  const n = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || !ok(n)) cliFail(`--${name} expects ${what}, got "${text}"`);
  return n;
}

/** An integer ≥ min. */
export function integerOption(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const what = min === 1 ? 'a positive integer' : min === 0 ? 'an integer ≥ 0' : `an integer ≥ ${min}`;
  return numberOption(args, name, fallback, what, (n) => Number.isInteger(n) && n >= min);
}

/** One of a list of words, or the default. */
export function choiceOption<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const text = optionText(args, name);
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) cliFail(`--${name} expects one of ${choices.join(', ')}, got "${text}"`);
  return text as T;
}

/** A required value option. */
export function requiredOption(args: ParsedArgs, command: string, name: string): string {
  const text = optionText(args, name);
  if (text === undefined || text === '') cliFail(`"${command}" needs --${name} <value>; run backprop-studio ${command} --help`);
  return text;
}

/** Exactly `names.length` positionals, named in the error. */
export function positionals(args: ParsedArgs, command: string, names: readonly string[]): string[] {
  if (args.positionals.length < names.length) {
    cliFail(`"${command}" needs ${names.map((n) => `<${n}>`).join(' ')}; run backprop-studio ${command} --help`);
  }
  if (args.positionals.length > names.length) cliFail(`unexpected argument "${args.positionals[names.length]!}" for "${command}"`);
  return args.positionals.slice(0, names.length);
}
