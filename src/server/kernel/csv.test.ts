import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, csvRecords, csvSafe, csvUnescape, decodeUtf8File, joinList, splitList } from './csv.js';

const cell = fc.oneof(fc.string(), fc.constantFrom('', ',', '"', '""', '\n', '\r\n', '\r', 'a"b', '=1+2', "'=x", "''@y", '-', '🏥 é', ' lead', 'trail '));
const records = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 });

describe('CSV text', () => {
  it('reads back exactly what csv-stringify and csvLine write (CRLF, LF, quotes, unicode)', () => {
    fc.assert(
      fc.property(records, fc.boolean(), (rows, crlf) => {
        // A record of one empty field is an empty line: a spreadsheet's empty row, not data.
        const written = rows.filter((r) => !(r.length === 1 && r[0] === ''));
        const text = stringify(written, { record_delimiter: crlf ? 'windows' : 'unix', quoted_match: /^\s|\s$/ });
        expect([...csvRecords(text)]).toEqual(written);
        expect([...csvRecords(written.map(csvLine).join(''))]).toEqual(written);
        expect(parse(written.map(csvLine).join(''), { relax_column_count: true })).toEqual(written);
      }),
      { numRuns: 300 },
    );
  });

  it('counts an empty line as a row, takes a stray quote as text, and refuses an unclosed quote naming its line', () => {
    expect([...csvRecords('a,b\n\nc,"d\ne"\r\nx"y,z')]).toEqual([['a', 'b'], [''], ['c', 'd\ne'], ['x"y', 'z']]);
    expect(() => [...csvRecords('a,b\nc,"open\n\n')]).toThrow('file: is not valid CSV: the quoted field that starts on line 2 is never closed');
    expect(() => [...csvRecords('a,"b"c\n')]).toThrow(/on line 1, a quoted field is followed by text/);
  });

  it('joins and splits list cells so that every list round-trips (escaped ; and \\, trimmed, no empty items)', () => {
    const lists = [['ephi', 'personal_data'], ['a;b', 'c\\', '\\;'], ['only'], []];
    for (const list of lists) expect(splitList(joinList(list))).toEqual(list);
    expect(joinList(['a;b', 'c\\d'])).toBe('a\\;b;c\\\\d');
    expect(splitList(' x ; ;y;; ')).toEqual(['x', 'y']);
  });

  it('neutralises formulas reversibly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), cell), (text) => {
        expect(csvUnescape(csvSafe(text))).toBe(text);
      }),
    );
    for (const formula of ['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'=x"]) expect(csvSafe(formula)).toBe(`'${formula}`);
    expect(csvSafe("'plain")).toBe("'plain");
    expect(csvUnescape("'plain")).toBe("'plain");
  });

  it('decodes UTF-8 with or without a BOM and refuses other encodings', () => {
    expect(decodeUtf8File(Buffer.from('\uFEFFcafé'))).toBe('café');
    expect(() => decodeUtf8File(Buffer.from('café', 'latin1'))).toThrow(/^file: is not UTF-8 text/);
    expect(() => decodeUtf8File(Buffer.from('\uFEFFcafé', 'utf16le'))).toThrow('file: is not UTF-8 text (it is UTF-16)');
  });
});
