import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { childListField, toOneField } from '../../registry/relations';
import { Province } from '../province/province.type';
import { provinceService, provinceTable } from '../province/province.service';
import { District } from '../district/district.type';
import { districtService, districtTable } from '../district/district.service';
import { City } from './city.type';
import { cityService, cityTable } from './city.service';

/** Registry rows that lie in a province and, where known, a city and a district. */
export interface Placed {
  provinceCode: string | null;
  cityCode: string | null;
  districtCode?: string | null;
}

/**
 * `province`, `city` and `district` of a registry type, each batched through the request's loaders
 * or fetched with the row where its statement folds them (src/registry/relations.ts).
 */
export function placeFieldsResolver(Type: ClassType, label: string): ClassType[] {
  return [
    toOneField(Type, 'province', () => Province, {
      table: () => provinceTable,
      keyColumn: 't.code',
      parentColumn: 'provinceCode',
      nullable: false,
      description: `The province of the ${label} (所属省份).`,
    }),
    toOneField(Type, 'city', () => City, {
      table: () => cityTable,
      keyColumn: 't.code',
      parentColumn: 'cityCode',
      description: `The city of the ${label} (所属城市); null where the source gives only the province.`,
    }),
    toOneField(Type, 'district', () => District, {
      table: () => districtTable,
      keyColumn: 't.code',
      parentColumn: 'districtCode',
      description: `The county-level district of the ${label} (所属区县); null where it is not known or the record belongs to the whole city.`,
    }),
  ];
}

/** The same fields of a statistics group: null unless grouped by them. Group rows are not table rows and never fold. */
export function groupPlaceFieldsResolver(Type: ClassType): ClassType {
  @Resolver(() => Type)
  class GroupPlaceFieldsResolver {
    @FieldResolver(() => Province, { nullable: true, description: 'The province of the group (所属省份) (null unless grouped by province).' })
    province(@Ctx() ctx: RequestContext, @Root() row: Placed) {
      return provinceService.byCode(ctx, row.provinceCode);
    }

    @FieldResolver(() => City, { nullable: true, description: 'The city of the group (所属城市); null unless grouped by city, or for records with no city.' })
    city(@Ctx() ctx: RequestContext, @Root() row: Placed) {
      return cityService.byCode(ctx, row.cityCode);
    }

    @FieldResolver(() => District, { nullable: true, description: 'The county-level district of the group (所属区县); null unless grouped by district, or for records placed in no district.' })
    district(@Ctx() ctx: RequestContext, @Root() row: Placed) {
      return districtService.byCode(ctx, row.districtCode);
    }
  }
  return GroupPlaceFieldsResolver;
}

/**
 * A registry type's list under `District`, `City` and `Province` (a city's studios, a province's
 * contracts), each batched or folded with the place (src/registry/relations.ts); `defaultOrder` as
 * the type's root list uses it.
 */
export function placeListResolvers(field: string, Connection: ClassType, ArgsType: ClassType, label: string, table: () => TableSpec<unknown, unknown>, defaultOrder: string): ClassType[] {
  return [
    childListField(District, field, Connection, ArgsType, { table, childColumn: 't.district_code', parentKey: 'code', defaultOrder, description: `The district's ${label}.` }),
    childListField(City, field, Connection, ArgsType, { table, childColumn: 't.city_code', parentKey: 'code', defaultOrder, description: `The city's ${label}.` }),
    childListField(Province, field, Connection, ArgsType, {
      table,
      childColumn: 't.province_code',
      parentKey: 'code',
      defaultOrder,
      description: `The province's ${label}, including those not assigned to a city.`,
    }),
  ];
}
