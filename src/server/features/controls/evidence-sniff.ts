/**
 * What an uploaded evidence file really is, from its first bytes (A.8.7 protection against malware;
 * A.8.26 application security requirements). Only documents and images auditors read are accepted;
 * executables, HTML, SVG and other active content are refused whatever their name or declared type, so a
 * download can never run in a browser or on a desktop. Pure: no I/O.
 */
import { EVIDENCE_CONTENT_TYPES, type EvidenceContentType } from '../../../shared/contracts/controls.js';

export type Sniffed = { allowed: true; contentType: EvidenceContentType } | { allowed: false; detected: string };

const startsWith = (bytes: Buffer, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Buffer, text: string, offset = 0) => bytes.subarray(offset, offset + text.length).toString('latin1') === text;

const OOXML = 'application/vnd.openxmlformats-officedocument.';
const DOCX = `${OOXML}wordprocessingml.document` as const;
const XLSX = `${OOXML}spreadsheetml.sheet` as const;
const PPTX = `${OOXML}presentationml.presentation` as const;

function sniffZip(bytes: Buffer): Sniffed {
  // Entry names are stored in clear in the local headers and the central directory.
  const names = bytes.toString('latin1');
  if (!names.includes('[Content_Types].xml')) return { allowed: false, detected: 'ZIP archive' };
  if (names.includes('vbaProject.bin')) return { allowed: false, detected: 'Office file with macros' };
  if (names.includes('word/')) return { allowed: true, contentType: DOCX };
  if (names.includes('xl/')) return { allowed: true, contentType: XLSX };
  if (names.includes('ppt/')) return { allowed: true, contentType: PPTX };
  return { allowed: false, detected: 'ZIP archive' };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Markup that a browser would render or run: refused even inside a "text" file. */
function activeMarkup(head: string): string | null {
  const text = head.replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<svg[\s>]/.test(text) || (/^<\?xml/.test(text) && text.includes('<svg'))) return 'SVG image';
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]|^<script[\s>]|^<iframe[\s>]/.test(text)) return 'HTML document';
  if (/^<\?xml/.test(text)) return 'XML document';
  if (/<script[\s>]|<html[\s>]|<iframe[\s>]|javascript:/.test(text)) return 'HTML document';
  return null;
}

/** Sniff the bytes alone. */
export function sniff(bytes: Buffer): Sniffed {
  if (bytes.length === 0) return { allowed: false, detected: 'empty file' };
  if (ascii(bytes, 'MZ')) return { allowed: false, detected: 'Windows executable' };
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return { allowed: false, detected: 'ELF executable' };
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((s) => startsWith(bytes, s))) return { allowed: false, detected: 'Mach-O executable or Java class' };
  if (ascii(bytes, '#!')) return { allowed: false, detected: 'script' };
  if (ascii(bytes, '%PDF-')) return { allowed: true, contentType: 'application/pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { allowed: true, contentType: 'image/png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { allowed: true, contentType: 'image/jpeg' };
  if (ascii(bytes, 'GIF87a') || ascii(bytes, 'GIF89a')) return { allowed: true, contentType: 'image/gif' };
  if (ascii(bytes, 'RIFF') && ascii(bytes, 'WEBP', 8)) return { allowed: true, contentType: 'image/webp' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (startsWith(bytes, [0x50, 0x4b])) return { allowed: false, detected: 'ZIP archive' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { allowed: false, detected: 'legacy Office file (OLE; may carry macros)' };
  if (startsWith(bytes, [0x1f, 0x8b])) return { allowed: false, detected: 'gzip archive' };
  if (bytes.includes(0) || !isUtf8(bytes)) return { allowed: false, detected: 'unrecognised binary file' };
  const markup = activeMarkup(bytes.subarray(0, 4096).toString('utf8'));
  if (markup) return { allowed: false, detected: markup };
  return { allowed: true, contentType: 'text/plain' };
}

/** Text types a plain-text sniff may be declared as. */
const TEXT_TYPES = new Set<string>(['text/plain', 'text/csv', 'application/json']);

export type EvidenceTypeCheck = { ok: true; contentType: EvidenceContentType } | { ok: false; message: string };

/**
 * The type to store: the sniffed type, which the declared one must agree with (a declared
 * `application/octet-stream` or none takes the sniffed type). Text may be declared as CSV or JSON (JSON
 * must then parse).
 */
export function checkEvidenceType(bytes: Buffer, declared: string | undefined): EvidenceTypeCheck {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  const found = sniff(bytes);
  if (!found.allowed) {
    return { ok: false, message: `file: detected content is ${found.detected}, which is not accepted as evidence (accepted: ${[...new Set(Object.values(EVIDENCE_CONTENT_TYPES))].join(', ')})` };
  }
  if (!type || type === 'application/octet-stream') return { ok: true, contentType: found.contentType };
  if (found.contentType === 'text/plain' && TEXT_TYPES.has(type)) {
    if (type === 'application/json') {
      try {
        JSON.parse(bytes.toString('utf8'));
      } catch {
        return { ok: false, message: 'file: is declared as application/json but is not valid JSON' };
      }
    }
    return { ok: true, contentType: type as EvidenceContentType };
  }
  if (type !== found.contentType) {
    return { ok: false, message: `file: declared content type ${type} does not match the detected content (${EVIDENCE_CONTENT_TYPES[found.contentType]}, ${found.contentType})` };
  }
  return { ok: true, contentType: found.contentType };
}

/** A file name safe for Content-Disposition and for people: no path, no control or quote characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"*:<>?|]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || 'evidence';
}

/** `attachment; filename="ascii"; filename*=UTF-8''encoded` (RFC 6266), so any name downloads safely. */
export function contentDisposition(name: string): string {
  const safe = safeFileName(name);
  const asciiName = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[\\%]/g, '_');
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
