import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { City } from './city.type';
import { District } from '../district/district.type';
import { districtService } from '../district/district.service';
import { cityService } from './city.service';
import { Province } from '../province/province.type';
import { provinceService } from '../province/province.service';
import type { RequestContext } from '../../graphql/context';
import { TimeSeriesLine, type TimeSeriesLineRow } from '../../registry/time-series.type';

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
