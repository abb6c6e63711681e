/**
 * Sample records: stand-ins for the records a report only counts (reports.ts, SAMPLE_GROUPS). Each is
 * marked is_sample and named after its cell (示例 …); it carries exactly what the report states of it,
 * and nothing else: no date, ownership, industry, employee count or coverage that the report does
 * not give. Deterministic: the same rows on every run.
 */
import { syntheticCreditCode } from '../../src/common/credit-code';
import type { Row } from './batch';
import { NAMED_ENTERPRISES, SAMPLE_GROUPS, type EnterpriseRef, type SampleGroup, type SampleGroupKey } from './reports';

// Sample enterprises use serials from here on; the named enterprises use serials below 1000.
const SAMPLE_SERIAL_BASE = 100_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The enterprise a sample record refers to, by credit code: a named one, or the i-th sample of another group. */
function enterpriseCode(ref: EnterpriseRef | undefined, i: number, sampleCodes: (group: string, i: number) => string): string | null {
  if (!ref) return null;
  if ('named' in ref) return syntheticCreditCode(NAMED_ENTERPRISES[ref.named].division, NAMED_ENTERPRISES[ref.named].serial);
  return sampleCodes(ref.ownSampleOf, i);
}

/** The credit code of the i-th sample enterprise of a group (a key the registry needs; the report prints none). */
export function sampleCreditCode(group: SampleGroupKey, i: number): string {
  const { common }: SampleGroup = SAMPLE_GROUPS[group];
  return syntheticCreditCode(common.province_code as string, SAMPLE_SERIAL_BASE + i + 1);
}

/** The rows of one sample group, with `enterprise_code` for those that refer to an enterprise. */
export function sampleRows(key: SampleGroupKey): Row[] {
  const group: SampleGroup = SAMPLE_GROUPS[key];
  const total = group.cells.reduce((n, c) => n + c.count, 0);
  const width = String(total).length;
  const rows: Row[] = [];
  for (const cell of group.cells) {
    for (let i = 1; i <= cell.count; i += 1) {
      const at = rows.length;
      const row: Row = { ...group.common, ...cell.states, is_sample: true, source: cell.source ?? group.source };
      if (cell.label) row[group.labelColumn ?? 'name'] = `${cell.label} ${pad(cell.count === 1 ? 1 : i, cell.count === 1 ? 1 : width)}`;
      if (group.table === 'enterprise') {
        row.credit_code = sampleCreditCode(key, at);
        row.name_en = `Jiangsu sample contract enterprise ${pad(at + 1, width)}`;
      }
      const ref = cell.enterprise ?? group.enterprise;
      if (ref) row.enterprise_code = enterpriseCode(ref, at, (other, n) => sampleCreditCode(other as SampleGroupKey, n));
      rows.push(row);
    }
  }
  return rows;
}
