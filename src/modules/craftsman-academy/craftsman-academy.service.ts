import { placeConditions, when } from '../../db/filters';
import { registryRow, type TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { REGISTRY_RECORD_COLUMNS } from '../../graphql/registry-record.interface';
import { childConnection, listConnection } from '../../graphql/lists';
import { groupStats, type Dimension } from '../../graphql/stats';
import {
  CraftsmanAcademyDimension,
  CraftsmanAcademyOrderBy,
  type CraftsmanAcademiesArgs,
  type CraftsmanAcademyFilter,
  type CraftsmanAcademyStatsArgs,
} from './craftsman-academy.inputs';
import type { CraftsmanAcademyRow } from './craftsman-academy.type';

export const craftsmanAcademyTable: TableSpec<CraftsmanAcademyRow, CraftsmanAcademyFilter> = {
  from: 'craftsman_academy t',
  columns: `t.id, t.name, t.level, t.host_institution AS "hostInstitution", t.province_code AS "provinceCode", t.city_code AS "cityCode",
    t.on_provincial_support_list AS "onProvincialSupportList", t.is_sample AS "isSample", t.source_id AS "sourceId",
    t.external_id AS "externalId", ${REGISTRY_RECORD_COLUMNS}`,
  key: 't.id',
  toRow: registryRow('CraftsmanAcademy'),
  conditions: (f) => [
    ...placeConditions(f),
    ...when.inList('t.level', f?.levels),
    ...when.equals('t.on_provincial_support_list', f?.onProvincialSupportList),
    ...when.contains(['t.name', 't.host_institution'], f?.nameContains),
    ...when.equals('t.is_sample', f?.isSample),
    ...when.equals('t.external_id', f?.externalId),
    ...when.archived(f?.archiveStatus),
  ],
  orders: {
    [CraftsmanAcademyOrderBy.ID_ASC]: { expression: 't.id', direction: 'ASC', type: 'integer' },
    [CraftsmanAcademyOrderBy.NAME_ASC]: { expression: 't.name', direction: 'ASC', type: 'text' },
  },
};

const dimensions: Record<CraftsmanAcademyDimension, Dimension> = {
  PROVINCE: { expression: 't.province_code', alias: 'provinceCode' },
  CITY: { expression: 't.city_code', alias: 'cityCode' },
  LEVEL: { expression: 't.level', alias: 'level' },
  ON_PROVINCIAL_SUPPORT_LIST: { expression: 't.on_provincial_support_list', alias: 'onProvincialSupportList' },
};

export const craftsmanAcademyService = {
  list: (ctx: RequestContext, args: CraftsmanAcademiesArgs) => listConnection(ctx, craftsmanAcademyTable, args, CraftsmanAcademyOrderBy.ID_ASC),
  under: (ctx: RequestContext, column: string, key: string | number, args: CraftsmanAcademiesArgs) =>
    childConnection(ctx, craftsmanAcademyTable, column, key, args, CraftsmanAcademyOrderBy.ID_ASC),
  stats: (ctx: RequestContext, args: CraftsmanAcademyStatsArgs) => groupStats(ctx, craftsmanAcademyTable, dimensions, args.groupBy, args.filter),
};
