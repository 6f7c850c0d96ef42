/** Child processes of a benchmark run: tracked, killed on exit, with bounded waits. Only 127.0.0.1. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

const children = new Set<ChildProcess>();
const output = new WeakMap<ChildProcess, string[]>();
let hooksInstalled = false;

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const child of children) if (alive(child)) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of children) if (alive(child)) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** Spawn and track a child; its output is kept (last ~64 KB) for error messages. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  installHooks();
  const child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  const lines: string[] = [];
  output.set(child, lines);
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString('utf8'));
    while (lines.length > 1 && lines.reduce((n, l) => n + l.length, 0) > 65_536) lines.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => children.delete(child));
  child.once('error', () => children.delete(child));
  return child;
}

export function outputOf(child: ChildProcess): string {
  return (output.get(child) ?? []).join('').slice(-4_000);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (!alive(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (alive(child)) child.kill('SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Wait for a stdout line matching `pattern`; fails if the child exits or `timeoutMs` passes. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        const match = pattern.exec(line.trim());
        if (match) {
          cleanup();
          resolve(match);
          return;
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${String(code)}) before printing ${String(pattern)}:\n${outputOf(child)}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child did not print ${String(pattern)} within ${timeoutMs} ms:\n${outputOf(child)}`));
    }, timeoutMs);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('freePort: no port'))));
    });
  });
}

/** GET http://127.0.0.1:<port><path>: the status code, or null when nothing answers yet. */
export function probe(port: number, path: string, timeoutMs = 1_000): Promise<number | null> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(null));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
