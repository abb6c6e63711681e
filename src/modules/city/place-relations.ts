import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { childList, foldable, toOne } from '../../graphql/fold';
import type { ConnectionResult } from '../../graphql/relay/connection';
import { Province, type ProvinceRow } from '../province/province.type';
import { provinceService, provinceTable } from '../province/province.service';
import { District, type DistrictRow } from '../district/district.type';
import { districtService, districtTable } from '../district/district.service';
import { City, type CityRow } from './city.type';
import { cityService, cityTable } from './city.service';

/** Registry rows that lie in a province and, where known, a city and a district. */
export interface Placed {
  provinceCode: string | null;
  cityCode: string | null;
  districtCode?: string | null;
}

/**
 * Adds `province` and `city` to a registry type, both batched through the request's loaders, or
 * fetched with the row where its statement folds them (src/graphql/fold.ts). Group rows of the
 * statistics are not table rows and never fold.
 */
export function placeFieldsResolver(Type: ClassType, label: string, grouped = false) {
  if (!grouped) {
    foldable(Type.name, {
      province: toOne(() => provinceTable, 't.code', 'provinceCode'),
      city: toOne(() => cityTable, 't.code', 'cityCode'),
      district: toOne(() => districtTable, 't.code', 'districtCode'),
    });
  }
  const provinceNote = grouped ? ' (null unless grouped by province)' : '';
  const cityNote = grouped ? '; null unless grouped by city, or for records with no city' : '; null where the source gives only the province';
  const districtNote = grouped ? '; null unless grouped by district, or for records placed in no district' : '; null where it is not known or the record belongs to the whole city';
  @Resolver(() => Type)
  class PlaceFieldsResolver {
    @FieldResolver(() => Province, { nullable: grouped, description: `The province of the ${label} (所属省份)${provinceNote}.` })
    province(@Ctx() ctx: RequestContext, @Root() row: Placed) {
      return provinceService.byCode(ctx, row.provinceCode);
    }

    @FieldResolver(() => City, { nullable: true, description: `The city of the ${label} (所属城市)${cityNote}.` })
    city(@Ctx() ctx: RequestContext, @Root() row: Placed) {
      return cityService.byCode(ctx, row.cityCode);
    }

    @FieldResolver(() => District, { nullable: true, description: `The county-level district of the ${label} (所属区县)${districtNote}.` })
    district(@Ctx() ctx: RequestContext, @Root() row: Placed) {
      return districtService.byCode(ctx, row.districtCode);
    }
  }
  return PlaceFieldsResolver;
}

/**
 * Lets a city's and a province's list of a registry type (placeListResolvers) be fetched with the
 * city or province (src/graphql/fold.ts); `defaultOrder` as the list's service uses it.
 */
export function foldablePlaceLists(field: string, table: () => TableSpec<unknown, unknown>, defaultOrder: string): void {
  foldable('District', { [field]: childList(table, 't.district_code', 'code', defaultOrder) });
  foldable('City', { [field]: childList(table, 't.city_code', 'code', defaultOrder) });
  foldable('Province', { [field]: childList(table, 't.province_code', 'code', defaultOrder) });
}

type ChildList<Args> = (ctx: RequestContext, parentColumn: string, parentKey: string, args: Args) => ConnectionResult<unknown>;

/** Adds a list of a registry type under `District`, `City` and `Province` (a city's studios, a province's contracts). */
export function placeListResolvers<Args extends object>(field: string, Conn: ClassType, ArgsClass: ClassType<Args>, label: string, list: ChildList<Args>) {
  @Resolver(() => District)
  class DistrictListResolver {
    @FieldResolver(() => Conn, { description: `The district's ${label}.` })
    [field](@Ctx() ctx: RequestContext, @Root() district: DistrictRow, @Args(() => ArgsClass) args: Args) {
      return list(ctx, 't.district_code', district.code, args);
    }
  }

  @Resolver(() => City)
  class CityListResolver {
    // Method names must differ between fields: type-graphql tells field resolvers apart by them.
    @FieldResolver(() => Conn, { description: `The city's ${label}.` })
    [field](@Ctx() ctx: RequestContext, @Root() city: CityRow, @Args(() => ArgsClass) args: Args) {
      return list(ctx, 't.city_code', city.code, args);
    }
  }

  @Resolver(() => Province)
  class ProvinceListResolver {
    @FieldResolver(() => Conn, { description: `The province's ${label}, including those not assigned to a city.` })
    [field](@Ctx() ctx: RequestContext, @Root() province: ProvinceRow, @Args(() => ArgsClass) args: Args) {
      return list(ctx, 't.province_code', province.code, args);
    }
  }
  return [DistrictListResolver, CityListResolver, ProvinceListResolver];
}
