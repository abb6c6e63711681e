import { when } from '../../db/filters';
import { registryRow, type TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, childConnection, listConnection } from '../../graphql/lists';
import { CityOrderBy, type CitiesArgs, type CityFilter } from './city.inputs';
import type { CityRow } from './city.type';

export const cityTable: TableSpec<CityRow, CityFilter> = {
  from: 'city t',
  columns: 't.code, t.name, t.name_en AS "nameEn", t.province_code AS "provinceCode"',
  key: 't.code',
  keyType: 'text',
  toRow: registryRow('City', 'code'),
  conditions: (f) => [...when.equals('t.province_code', f?.provinceCode), ...when.contains(['t.name', 't.name_en'], f?.nameContains)],
  orders: {
    [CityOrderBy.CODE_ASC]: { expression: 't.code', direction: 'ASC', type: 'text' },
    [CityOrderBy.NAME_ASC]: { expression: 't.name', direction: 'ASC', type: 'text' },
  },
};

export const cityService = {
  list: (ctx: RequestContext, args: CitiesArgs) => listConnection(ctx, cityTable, args, CityOrderBy.CODE_ASC),
  ofProvince: (ctx: RequestContext, provinceCode: string, args: CitiesArgs) => childConnection(ctx, cityTable, 't.province_code', provinceCode, args, CityOrderBy.CODE_ASC),
  byCode: (ctx: RequestContext, code: string | null) => (code == null ? null : byKeyLoader(ctx, cityTable, 't.code').load(code)),
};
