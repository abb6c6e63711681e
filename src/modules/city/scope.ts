import { createUnionType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { provinceService } from '../province/province.service';
import { cityService } from './city.service';
import { City } from './city.type';
import { Province } from '../province/province.type';
import { District } from '../district/district.type';
import { districtService } from '../district/district.service';
import type { Placed } from './place-relations';

/** The place a goal or published figure is about: a whole province, one city, or one district. */
export const Scope = createUnionType({
  name: 'Scope',
  description: 'The place a goal or figure applies to (范围): a province (省), a city (市) or a county-level district (区县).',
  types: () => [Province, City, District] as const,
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

export function scopeOf(ctx: RequestContext, row: Placed) {
  if (row.districtCode) return districtService.byCode(ctx, row.districtCode);
  return row.cityCode ? cityService.byCode(ctx, row.cityCode) : provinceService.byCode(ctx, row.provinceCode);
}
