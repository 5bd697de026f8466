// The programmatic API of @doyensec/electronegativity 1.x (dist/runner.js),
// which ships no types: only what tools/electronegativity.mjs uses.
declare module '@doyensec/electronegativity' {
  interface RunOptions {
    /** A folder, .js, .html or .asar. */
    input: string;
    /** Where to write the report (.csv or .sarif). */
    output?: string;
    isSarif?: boolean;
    /** Report paths relative to `input`. */
    isRelative?: boolean;
    /** Lower-case check names to run only (empty: all). */
    customScan?: string[];
    /** Lower-case check names to skip. */
    excludeFromScan?: string[];
    severitySet?: string;
    confidenceSet?: string;
    /** The Electron version to assume (the README's `electronVersion` is not read). */
    electronVersionOverride?: string;
    electronUpgrade?: string;
    parserPlugins?: string[];
  }
  interface RunResult {
    globalChecks: number;
    atomicChecks: number;
    /** Files that could not be parsed (`tolerable: false`) or parsed with warnings. */
    errors: { file: string; message: string; tolerable: boolean }[];
    issues: unknown[];
  }
  /** With `forCli` false, returns the result instead of printing a table. */
  function run(options: RunOptions, forCli: false): Promise<RunResult>;
  export = run;
}
