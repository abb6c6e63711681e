import 'reflect-metadata';
import { checkValue } from '../../../registry/writes/fields';
import { HttpError } from '../../../server/http-error';
import { readCsv, unreadableCellFor } from '../csv-import.service';
import { importColumns, importTypeOf, importTypeSlugs } from '../import-types';

const studios = importTypeOf('innovation-studios')!;
const contracts = importTypeOf('collective-innovation-contracts')!;

function csvError(type: typeof studios, text: string): HttpError {
  try {
    readCsv(type, Buffer.from(text, 'utf8'));
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('unreadable cells', () => {
  // The import relies on this: a row with a cell that could not be read can never be applied.
  it.each(importTypeSlugs())('%s: every column refuses a cell that could not be read', (slug) => {
    const type = importTypeOf(slug)!;
    for (const name of importColumns(type).allowed) expect(checkValue(type.spec.fields[name], unreadableCellFor('x')).ok).toBe(false);
  });

  it('keeps a readable cell as its value, an empty one as null, and names the unreadable ones', () => {
    const { records, unreadable } = readCsv(contracts, Buffer.from('externalId,termMonths,workersCovered\r\nC-1, 36 ,\r\nC-2,3 years,1.5\r\n'));
    expect(records[0]).toEqual({ externalId: 'C-1', termMonths: 36, workersCovered: null });
    expect([...unreadable]).toEqual([
      ['1|termMonths', "termMonths: '3 years' is not a whole number."],
      ['1|workersCovered', "workersCovered: '1.5' is not a whole number."],
    ]);
  });
});

describe('readCsv', () => {
  it('reads UTF-8 with and without BOM, LF or CRLF', () => {
    for (const text of ['\uFEFFexternalId,name\r\nA,甲\r\n', 'externalId,name\nA,甲', 'externalId , name \nA,甲\n\n']) {
      expect(readCsv(studios, Buffer.from(text)).records).toEqual([{ externalId: 'A', name: '甲' }]);
    }
  });

  it('counts lines of quoted line breaks when it reports where a file is malformed', () => {
    expect(csvError(studios, 'externalId,name\n"A\n\n\nB",x\nC,"open\n').details).toEqual({ line: 6 });
    expect(csvError(studios, 'externalId,name\r\nA,"1\r\n2"\r\nB\r\n').details).toEqual({ line: 4, index: 1 });
  });

  it('refuses a file with more than 5,000 data rows with 413', () => {
    const text = `externalId\n${Array.from({ length: 5001 }, (_, i) => `R-${i}`).join('\n')}\n`;
    expect(csvError(studios, text).status).toBe(413);
    expect(readCsv(studios, Buffer.from(`externalId\n${Array.from({ length: 5000 }, (_, i) => `R-${i}`).join('\n')}\n\n,\n`)).records).toHaveLength(5000);
  });
});
