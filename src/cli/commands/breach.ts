/**
 * `custos breach clock --input FILE.json`: the what-if breach clock (issue 6 item 4) from the command
 * line, the same engine and contract as `POST /api/v1/breach-clock/preview` (45 CFR 164.404–164.412;
 * GDPR Art. 33, 34). A pure calculation: it opens no database and needs no key, so it runs anywhere.
 * Only the JSON result goes to stdout; problems go to stderr as `field: problem` with a non-zero exit.
 */
import fs from 'node:fs';
import { computeBreachClock } from '../../shared/breach-clock.js';
import { ZBreachClockInput } from '../../shared/contracts/breach-clock.js';
import { CliError, json } from '../support.js';

/** Larger than any real scenario (56 states at most); refuses a wrong file before reading it whole. */
const MAX_INPUT_BYTES = 1024 * 1024;

function readInput(file: string): unknown {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_INPUT_BYTES) throw new CliError(`--input: ${file} is larger than 1 MB; a breach-clock scenario is a small JSON object`, 2);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`--input: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 2);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(`--input: ${file} is not valid JSON`, 2);
  }
}

export function breachClock(options: { input: string }): void {
  const parsed = ZBreachClockInput.safeParse(readInput(options.input));
  if (!parsed.success) {
    throw new CliError(parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`).join('\n'), 1);
  }
  json(computeBreachClock(parsed.data));
}
