import { when } from '../../db/filters';
import { registryRow, type TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, listConnection } from '../../graphql/lists';
import { ProvinceOrderBy, type ProvinceFilter, type ProvincesArgs } from './province.inputs';
import type { ProvinceRow } from './province.type';

export const provinceTable: TableSpec<ProvinceRow, ProvinceFilter> = {
  from: 'province t',
  columns: 't.code, t.name, t.name_en AS "nameEn"',
  key: 't.code',
  keyType: 'text',
  toRow: registryRow('Province', 'code'),
  conditions: (f) => when.contains(['t.name', 't.name_en'], f?.nameContains),
  orders: {
    [ProvinceOrderBy.CODE_ASC]: { expression: 't.code', direction: 'ASC', type: 'text' },
    [ProvinceOrderBy.NAME_ASC]: { expression: 't.name', direction: 'ASC', type: 'text' },
  },
};

export const provinceService = {
  list: (ctx: RequestContext, args: ProvincesArgs) => listConnection(ctx, provinceTable, args, ProvinceOrderBy.CODE_ASC),
  byCode: (ctx: RequestContext, code: string | null) => (code == null ? null : byKeyLoader(ctx, provinceTable, 't.code').load(code)),
};
