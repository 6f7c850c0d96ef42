/**
 * Zip-bomb guard for uploaded OOXML files such as XLSX (A.8.28 secure coding; A.8.6 capacity management:
 * one upload must not exhaust the server's memory or disk). Runs before any parser inflates anything.
 *
 * Invariants, each refused with a `file: …` error:
 * - The archive is a plain ZIP: no encryption, only stored or deflated entries, at most `maxEntries`.
 * - Its entries tile the archive up to the central directory: no hidden, overlapping or unlisted data
 *   that a streaming reader (which walks local headers, not the directory) would inflate unseen.
 * - Declared sizes add up to at most `maxTotalBytes`, and no large entry expands more than `maxRatio`.
 * - Declared sizes are not trusted: every entry is inflated into a counter (never kept) and refused as
 *   soon as it yields more than it declared.
 */
import zlib from 'node:zlib';
import { fileError } from './csv.js';
import { AppError } from './errors.js';

export interface ZipLimits {
  maxTotalBytes: number;
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 256 * 1024 * 1024, maxRatio: 100, maxEntries: 1000 };
/** Small entries (styles, relationships) compress far better than data; the ratio is judged above this. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const MB = 1024 * 1024;

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

const SIG = { eocd: 0x06054b50, eocd64: 0x06064b50, locator64: 0x07064b50, central: 0x02014b50, local: 0x04034b50, descriptor: 0x08074b50 };
const MAX32 = 0xffffffff;

function u64(bytes: Buffer, at: number): number {
  return Number(bytes.readBigUInt64LE(at));
}

function findEndOfDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) if (bytes.readUInt32LE(at) === SIG.eocd) return at;
  throw fileError('is not an XLSX workbook (not a ZIP archive)');
}

function readDirectory(bytes: Buffer, maxEntries: number): { entries: Entry[]; directoryOffset: number } {
  const eocd = findEndOfDirectory(bytes);
  let count = bytes.readUInt16LE(eocd + 10);
  let directoryOffset = bytes.readUInt32LE(eocd + 16);
  if ((count === 0xffff || directoryOffset === MAX32) && eocd >= 20 && bytes.readUInt32LE(eocd - 20) === SIG.locator64) {
    const at = u64(bytes, eocd - 12);
    if (at + 56 > bytes.length || bytes.readUInt32LE(at) !== SIG.eocd64) throw fileError('is a damaged ZIP archive');
    count = u64(bytes, at + 32);
    directoryOffset = u64(bytes, at + 48);
  }
  if (count > maxEntries) throw fileError(`has ${count} entries in its ZIP archive (at most ${maxEntries})`);
  const entries: Entry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== SIG.central) throw fileError('is a damaged ZIP archive');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const entry: Entry = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressed: bytes.readUInt32LE(at + 20),
      uncompressed: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    };
    readZip64Extra(bytes, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, directoryOffset };
}

/** ZIP64 keeps sizes and offsets that overflow 32 bits in extra field 0x0001, in this order. */
function readZip64Extra(bytes: Buffer, start: number, length: number, entry: Entry): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = bytes.readUInt16LE(at);
    const size = bytes.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      for (const key of ['uncompressed', 'compressed', 'localOffset'] as const) {
        if (entry[key] !== MAX32) continue;
        if (field + 8 > at + 4 + size) throw fileError('is a damaged ZIP archive');
        entry[key] = u64(bytes, field);
        field += 8;
      }
    }
    at += 4 + size;
  }
}

/** Inflates into a counter and stops as soon as the output passes `limit`. */
async function inflatedSize(data: Buffer, limit: number): Promise<number> {
  const inflater = zlib.createInflateRaw();
  inflater.end(data);
  let total = 0;
  try {
    for await (const chunk of inflater) {
      total += (chunk as Buffer).length;
      if (total > limit) break;
    }
  } catch {
    throw fileError('is a damaged ZIP archive (an entry cannot be inflated)');
  } finally {
    inflater.destroy();
  }
  return total;
}

/** Refuses a ZIP that could expand beyond the limits; see the invariants above. */
export async function assertSafeZip(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<void> {
  try {
    await inspect(bytes, limits);
  } catch (error) {
    // Offsets that point outside the file surface as RangeError: a damaged (or hostile) archive.
    if (error instanceof AppError) throw error;
    throw fileError('is a damaged ZIP archive');
  }
}

async function inspect(bytes: Buffer, limits: ZipLimits): Promise<void> {
  const { entries, directoryOffset } = readDirectory(bytes, limits.maxEntries);
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) throw fileError('is encrypted (password-protected); save it without a password');
    if (entry.method !== 0 && entry.method !== 8) throw fileError(`uses an unsupported ZIP compression method (${entry.method})`);
    total += entry.uncompressed;
    if (total > limits.maxTotalBytes) throw fileError(`expands to more than ${limits.maxTotalBytes / MB} MB when unpacked (a ZIP bomb?)`);
    if (entry.uncompressed > RATIO_FLOOR_BYTES && entry.uncompressed > limits.maxRatio * Math.max(entry.compressed, 1)) {
      throw fileError(`has an entry that expands ${Math.round(entry.uncompressed / Math.max(entry.compressed, 1))} times (at most ${limits.maxRatio}; a ZIP bomb?)`);
    }
  }
  let position = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const at = entry.localOffset;
    if (at !== position || at + 30 > bytes.length || bytes.readUInt32LE(at) !== SIG.local) throw fileError('is a damaged ZIP archive (entries overlap or hide data)');
    const dataStart = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const dataEnd = dataStart + entry.compressed;
    if (dataEnd > directoryOffset) throw fileError('is a damaged ZIP archive (an entry runs past the directory)');
    const data = bytes.subarray(dataStart, dataEnd);
    const actual = entry.method === 0 ? data.length : await inflatedSize(data, entry.uncompressed);
    if (actual !== entry.uncompressed) throw fileError('is a damaged ZIP archive (an entry does not unpack to the size it declares; a ZIP bomb?)');
    position = dataEnd;
    if (entry.flags & 0x8) {
      const zip64 = entry.compressed >= MAX32 || entry.uncompressed >= MAX32;
      const signed = position + 4 <= bytes.length && bytes.readUInt32LE(position) === SIG.descriptor;
      position += (signed ? 4 : 0) + 4 + (zip64 ? 16 : 8);
    }
  }
  if (position !== directoryOffset) throw fileError('is a damaged ZIP archive (it holds data outside its directory)');
}
