import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DiskEvidenceStore, evidenceSettings, storageKey, writeFileDurably } from './evidence-store.js';
import { checkEvidenceType, contentDisposition, safeFileName, sniff } from './evidence-sniff.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-evidence-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileDurably', () => {
  it('writes through a temp file, fsyncs file and directory, renames, and leaves no temp file', async () => {
    const handleSync = vi.fn();
    const file = path.join(dir, 'a', 'b', 'evidence.bin');
    const open = fs.promises.open;
    const spy = vi.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      const original = handle.sync.bind(handle);
      handle.sync = async () => {
        handleSync(String(args[0]));
        return original();
      };
      return handle;
    });
    const rename = vi.spyOn(fs.promises, 'rename');
    try {
      await writeFileDurably(file, Buffer.from('sealed bytes'));
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('sealed bytes');
    const synced = handleSync.mock.calls.map((c) => c[0] as string);
    expect(synced[0]).toMatch(/\.evidence\.bin\.\d+\.[0-9a-f]+\.tmp$/);
    expect(synced[1]).toBe(path.dirname(file));
    expect(rename).toHaveBeenCalledWith(synced[0], file);
    rename.mockRestore();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['evidence.bin']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves the previous file intact and no temp file when the write fails', async () => {
    const file = path.join(dir, 'keep.bin');
    await writeFileDurably(file, Buffer.from('old'));
    const spy = vi.spyOn(fs.promises, 'rename').mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(writeFileDurably(file, Buffer.from('new'))).rejects.toThrow('disk full');
    spy.mockRestore();
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('DiskEvidenceStore', () => {
  it('puts, gets and deletes by key and refuses keys that could leave its directory', async () => {
    const store = new DiskEvidenceStore(path.join(dir, 'store'));
    const key = storageKey('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222');
    await store.put(key, Buffer.from('x'));
    expect((await store.get(key))?.toString()).toBe('x');
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/invalid key/);
    expect(() => storageKey('..', 'x')).toThrow(/invalid key/);
  });
});

describe('evidenceSettings', () => {
  it('defaults to the disk store under the data directory with a 25 MB limit, and refuses unknown stores', () => {
    expect(evidenceSettings({ dataDir: '/srv/custos' }, {})).toEqual({ store: 'disk', directory: '/srv/custos/evidence', limitBytes: 25 * 1024 * 1024 });
    expect(evidenceSettings({ dataDir: '/srv/custos' }, { CUSTOS_EVIDENCE_STORE: 'database', CUSTOS_EVIDENCE_LIMIT_MB: '5' })).toMatchObject({ store: 'database', limitBytes: 5 * 1024 * 1024 });
    expect(() => evidenceSettings({ dataDir: '/srv' }, { CUSTOS_EVIDENCE_STORE: 's3' })).toThrow(/CUSTOS_EVIDENCE_STORE/);
  });
});

describe('sniff', () => {
  const zip = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(names.join('\0'), 'latin1')]);
  it('recognises accepted documents and images from their first bytes', () => {
    expect(sniff(Buffer.from('%PDF-1.4 ...'))).toEqual({ allowed: true, contentType: 'application/pdf' });
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toEqual({ allowed: true, contentType: 'image/jpeg' });
    expect(sniff(Buffer.from('GIF89a....'))).toEqual({ allowed: true, contentType: 'image/gif' });
    expect(sniff(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ allowed: true, contentType: 'image/webp' });
    expect(sniff(zip('[Content_Types].xml', 'word/document.xml'))).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    expect(sniff(zip('[Content_Types].xml', 'xl/workbook.xml'))).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(sniff(zip('[Content_Types].xml', 'ppt/presentation.xml'))).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' });
    expect(sniff(Buffer.from('Reviewed by J. Smith — café\n'))).toEqual({ allowed: true, contentType: 'text/plain' });
  });
  it('refuses archives, macros, binaries and active markup', () => {
    expect(sniff(zip('payload.exe'))).toEqual({ allowed: false, detected: 'ZIP archive' });
    expect(sniff(zip('[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin'))).toEqual({ allowed: false, detected: 'Office file with macros' });
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toMatchObject({ allowed: false });
    expect(sniff(Buffer.from([0xca, 0xfe, 0xba, 0xbe]))).toMatchObject({ allowed: false });
    expect(sniff(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toEqual({ allowed: false, detected: 'unrecognised binary file' });
    expect(sniff(Buffer.from('  <svg onload=alert(1)>'))).toEqual({ allowed: false, detected: 'SVG image' });
    expect(sniff(Buffer.from('notes\n<iframe src=x>'))).toEqual({ allowed: false, detected: 'HTML document (<iframe> tag)' });
    expect(sniff(Buffer.alloc(0))).toEqual({ allowed: false, detected: 'empty file' });
  });
});

describe('sniff: active markup anywhere in a text file', () => {
  const detected = (text: string) => {
    const result = sniff(Buffer.from(text));
    return result.allowed ? null : result.detected;
  };
  it('finds markup past the first 4 KB and tags that run code without <script>', () => {
    expect(detected(`${'a'.repeat(5000)}<script>alert(1)</script>`)).toBe('HTML document (<script> tag)');
    expect(detected('<img src=x onerror=alert(1)>')).toBe('HTML document (<img> tag)');
    expect(detected(`date,note\n${'2026-11-01,ok\n'.repeat(2000)}<svg/onload=alert(1)>`)).toBe('HTML document (<svg> tag)');
    expect(detected('see <a href="https://example.org">this</a>')).toBe('HTML document (<a> tag)');
    expect(detected('<!DOCTYPE html>')).toBe('HTML document (<!doctype> tag)');
    expect(detected('link: JavaScript:alert(1)')).toBe('HTML document (javascript: URL)');
  });
  it('finds an event handler on any tag, however it is hidden', () => {
    expect(detected('<p onmouseover=alert(1)>hover</p>')).toBe('HTML document (onmouseover= event handler)');
    expect(detected('<x/onfocus=alert(1) autofocus tabindex=1>')).toBe('HTML document (onfocus= event handler)');
    expect(detected('<x title=">" onclick="alert(1)">')).toBe('HTML document (onclick= event handler)');
    expect(detected('<x title="<" onclick=alert(1)>')).toBe('HTML document (onclick= event handler)');
    // A quote inside a comment or a <textarea> must not hide the tag that follows it.
    expect(detected('<!-- <x a=" --><y a=">" onfocus=alert(1) autofocus>')).toBe('HTML document (onfocus= event handler)');
    expect(detected('<textarea><x a="</textarea><y a=">" onfocus=alert(1)>"')).toBe('HTML document (onfocus= event handler)');
  });
  it('accepts ordinary text and CSV that contain a "<"', () => {
    for (const text of ['dose,unit\npatient 1,<5 mg\npatient 2,>10 mg\n', 'if a < b and c > d then ok', 'x<y, session=1, online=true\n', '<b>bold</b> is fine; <br> too', 'one=1 onboarding=done', '<x onclick=alert(1)']) {
      expect(detected(text), text).toBeNull();
    }
  });
});

describe('checkEvidenceType', () => {
  const text = Buffer.from('# Access review\n\n- 2026-11-01 J. Smith\n');
  it('accepts the text types the file picker offers, as browsers declare them, and stores them as text', () => {
    expect(checkEvidenceType(text, 'text/markdown')).toEqual({ ok: true, contentType: 'text/plain' });
    expect(checkEvidenceType(text, 'text/x-markdown; charset=utf-8')).toEqual({ ok: true, contentType: 'text/plain' });
    expect(checkEvidenceType(text, 'text/x-log')).toEqual({ ok: true, contentType: 'text/plain' });
    expect(checkEvidenceType(text, '')).toEqual({ ok: true, contentType: 'text/plain' });
    expect(checkEvidenceType(Buffer.from('a,b\n1,2\n'), 'application/vnd.ms-excel')).toEqual({ ok: true, contentType: 'text/csv' });
  });
  it('still refuses a text type declared for other content', () => {
    expect(checkEvidenceType(Buffer.from('%PDF-1.7\n'), 'text/markdown')).toMatchObject({ ok: false, message: expect.stringMatching(/declared content type text\/markdown does not match/) });
    expect(checkEvidenceType(Buffer.from('<img src=x onerror=alert(1)>'), 'text/markdown')).toMatchObject({ ok: false, message: expect.stringMatching(/HTML document \(<img> tag\)/) });
    expect(checkEvidenceType(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), 'application/vnd.ms-excel')).toMatchObject({ ok: false });
  });
});

describe('download file names', () => {
  it('strips paths, quotes and control characters and encodes the rest (RFC 6266)', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\evil\\"x".pdf')).toBe('_x_.pdf');
    expect(safeFileName('\u0000')).toBe('_');
    expect(safeFileName('...')).toBe('evidence');
    expect(contentDisposition('Prüfbericht "2026".pdf')).toBe(`attachment; filename="Pr_fbericht _2026_.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20_2026_.pdf`);
  });
});
