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

/** The text, or null when the bytes are not valid UTF-8. */
function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Tag names whose mere presence makes a browser fetch, render or run something: documents, scripts,
 * frames, plug-ins, images (error handlers), links, forms, styles and redirects.
 */
const ACTIVE_TAG = /<(!doctype|script|iframe|frame|frameset|object|embed|applet|img|image|svg|math|a|area|base|body|head|html|meta|link|style|form|xml)(?=[\s/>])|(javascript|vbscript)\s*:/i;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** Elements whose content is text up to their own end tag (RAWTEXT, RCDATA). */
const TEXT_ONLY = new Map(['title', 'textarea', 'xmp', 'noembed', 'noframes', 'noscript'].map((name) => [name, new RegExp(`</${name}(?=[\\s/>])`, 'gi')]));

/** Index just after the first `needle` at or after `from`, or -1. */
const after = (text: string, needle: string, from: number) => {
  const at = text.indexOf(needle, from);
  return at === -1 ? -1 : at + needle.length;
};

/** Index just after the `-->` (or `--!>`) that ends a comment, or -1. */
function commentEnd(text: string, from: number): number {
  for (let k = text.indexOf('--', from); k !== -1; k = text.indexOf('--', k + 1)) {
    if (text[k + 2] === '>') return k + 3;
    if (text[k + 2] === '!' && text[k + 3] === '>') return k + 4;
  }
  return -1;
}

/**
 * The first event-handler attribute (`<x onfocus=…>`) of a start tag, reading the text the way the HTML
 * tokenizer does, so it cannot be hidden behind a quoted `>`, a comment or a `<title>`: tags cut off by
 * the end of the file are ignored, as browsers ignore them. One pass, linear in the length of the text.
 * `a < b` or `<5 mg` is no tag.
 */
function eventHandlerIn(text: string): string | null {
  const n = text.length;
  let i = text.indexOf('<');
  while (i !== -1 && i + 1 < n) {
    const next = text[i + 1]!;
    let j: number;
    if (next === '!' && text.startsWith('--', i + 2)) {
      // Comment: ends at -->, --!>, or at once for <!--> and <!--->.
      if (text[i + 4] === '>') j = i + 5;
      else if (text.startsWith('->', i + 4)) j = i + 6;
      else j = commentEnd(text, i + 4);
    } else if (next === '!' || next === '?' || (next === '/' && !isAlpha(text.charCodeAt(i + 2)))) {
      j = after(text, '>', i + 2); // bogus comment, or </>
    } else if (isAlpha(text.charCodeAt(i + 1)) || next === '/') {
      const endTag = next === '/';
      j = endTag ? i + 2 : i + 1;
      const nameStart = j;
      while (j < n && !isSpace(text.charCodeAt(j)) && text[j] !== '/' && text[j] !== '>') j++;
      const tagName = j - nameStart <= 10 ? text.slice(nameStart, j).toLowerCase() : '';
      let handler: string | null = null;
      for (;;) {
        while (j < n && (isSpace(text.charCodeAt(j)) || text[j] === '/')) j++;
        if (j >= n) return null;
        if (text[j] === '>') break;
        const start = j++;
        while (j < n && !isSpace(text.charCodeAt(j)) && text[j] !== '/' && text[j] !== '>' && text[j] !== '=') j++;
        const nameEnd = j;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (text[j] !== '=') continue;
        if (!handler && !endTag && (text.charCodeAt(start) | 0x20) === 0x6f) {
          const name = text.slice(start, nameEnd).toLowerCase();
          if (/^on[a-z]+$/.test(name)) handler = name;
        }
        j++;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        const quote = text[j];
        if (quote === '"' || quote === "'") {
          j = after(text, quote, j + 1);
          if (j === -1) return null;
        } else {
          while (j < n && !isSpace(text.charCodeAt(j)) && text[j] !== '>') j++;
        }
      }
      if (handler) return handler;
      j += 1;
      if (!endTag && tagName === 'plaintext') return null;
      const textEnd = endTag ? undefined : TEXT_ONLY.get(tagName);
      if (textEnd) {
        textEnd.lastIndex = j;
        const close = textEnd.exec(text);
        if (!close) return null;
        j = close.index;
      }
    } else {
      j = i + 1; // a lone "<": text
    }
    if (j === -1) return null;
    i = text.indexOf('<', j);
  }
  return null;
}

/**
 * Markup that a browser would render or run, anywhere in the text (not only its start): refused even
 * inside a "text" file. Ordinary text with a `<` (`a < b`, `<5 mg`) passes.
 */
function activeMarkup(text: string): string | null {
  const start = text.slice(0, 1024).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<svg[\s>]/.test(start) || (/^<\?xml/.test(start) && /<svg[\s>]/i.test(text))) return 'SVG image';
  if (/^<\?xml/.test(start)) return 'XML document';
  const tag = ACTIVE_TAG.exec(text);
  if (tag) return tag[1] ? `HTML document (<${tag[1].toLowerCase()}> tag)` : `HTML document (${tag[2]!.toLowerCase()}: URL)`;
  const handler = eventHandlerIn(text);
  return handler ? `HTML document (${handler}= event handler)` : null;
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
  const text = bytes.includes(0) ? null : utf8(bytes);
  if (text === null) return { allowed: false, detected: 'unrecognised binary file' };
  const markup = activeMarkup(text);
  if (markup) return { allowed: false, detected: markup };
  return { allowed: true, contentType: 'text/plain' };
}

/**
 * Types a plain-text sniff may be declared as, and the type it is then stored as. Browsers name the text
 * files the picker offers from the operating system's registry: `.md` as text/markdown, `.log` as
 * text/x-log (Linux) and `.csv` as application/vnd.ms-excel (Windows with Excel); those are stored as
 * plain text or CSV, and every download is an attachment with nosniff whatever its type.
 */
export const TEXT_DECLARED_TYPES: Readonly<Record<string, EvidenceContentType>> = {
  'text/plain': 'text/plain',
  'text/csv': 'text/csv',
  'application/json': 'application/json',
  'text/markdown': 'text/plain',
  'text/x-markdown': 'text/plain',
  'text/x-log': 'text/plain',
  'application/vnd.ms-excel': 'text/csv',
};

export type EvidenceTypeCheck = { ok: true; contentType: EvidenceContentType } | { ok: false; message: string };

/**
 * The type to store: the sniffed type, which the declared one must agree with (a declared
 * `application/octet-stream` or none takes the sniffed type). Text may be declared as CSV or JSON (JSON
 * must then parse), or as one of the other text types of `TEXT_DECLARED_TYPES`.
 */
export function checkEvidenceType(bytes: Buffer, declared: string | undefined): EvidenceTypeCheck {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  const found = sniff(bytes);
  if (!found.allowed) {
    return { ok: false, message: `file: detected content is ${found.detected}, which is not accepted as evidence (accepted: ${[...new Set(Object.values(EVIDENCE_CONTENT_TYPES))].join(', ')})` };
  }
  if (!type || type === 'application/octet-stream') return { ok: true, contentType: found.contentType };
  const asText = Object.hasOwn(TEXT_DECLARED_TYPES, type) ? TEXT_DECLARED_TYPES[type] : undefined;
  if (found.contentType === 'text/plain' && asText) {
    if (asText === 'application/json') {
      try {
        JSON.parse(bytes.toString('utf8'));
      } catch {
        return { ok: false, message: 'file: is declared as application/json but is not valid JSON' };
      }
    }
    return { ok: true, contentType: asText };
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
