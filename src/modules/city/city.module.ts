import { defineModule } from '../../registry/registry-type';
import { cityResolvers } from './city.resolver';
import { TimeSeriesLineResolver } from './time-series-line.resolver';
import { cityTable } from './city.service';

export default defineModule({
  // The places of a time series' lines (every type's …Series) are resolved here, with the places.
  resolvers: [...cityResolvers, TimeSeriesLineResolver],
  types: [{ typename: 'City', noun: { one: 'city', many: 'cities', zh: '地级行政区' }, table: cityTable, node: { key: 'code', pattern: /^[1-8][0-9]{5}$/ } }],
});
