import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { City } from '../modules/city/city.type';
import { District } from '../modules/district/district.type';
import { districtService } from '../modules/district/district.service';
import { cityService } from '../modules/city/city.service';
import { Province } from '../modules/province/province.type';
import { provinceService } from '../modules/province/province.service';
import type { RequestContext } from './context';
import { TimeSeriesLine, type TimeSeriesLineRow } from './time-series.type';

/** A line's province, city and district, batched through the request's loaders like every place relation. */
@Resolver(() => TimeSeriesLine)
export class TimeSeriesLineResolver {
  @FieldResolver(() => Province, { nullable: true, description: 'The province of the line (省份); null when not grouped (NONE).' })
  province(@Ctx() ctx: RequestContext, @Root() line: TimeSeriesLineRow) {
    return provinceService.byCode(ctx, line.provinceCode);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The city of the line (城市) when grouped by CITY; null otherwise, and for records with no city.' })
  city(@Ctx() ctx: RequestContext, @Root() line: TimeSeriesLineRow) {
    return cityService.byCode(ctx, line.cityCode);
  }

  @FieldResolver(() => District, { nullable: true, description: 'The district of the line (区县) when grouped by DISTRICT; null otherwise, and for records placed in no district.' })
  district(@Ctx() ctx: RequestContext, @Root() line: TimeSeriesLineRow) {
    return districtService.byCode(ctx, line.districtCode);
  }
}
