import { defineModule } from '../../registry/registry-type';
import { cityResolvers } from './city.resolver';
import { cityTable } from './city.service';

export default defineModule({
  resolvers: cityResolvers,
  types: [{ typename: 'City', noun: { one: 'city', many: 'cities', zh: '地级行政区' }, table: cityTable, node: { key: 'code', pattern: /^[1-8][0-9]{5}$/ } }],
});
