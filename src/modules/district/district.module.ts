import { defineModule } from '../../registry/registry-type';
import { districtResolvers } from './district.resolver';
import { districtTable } from './district.service';

export default defineModule({
  resolvers: districtResolvers,
  types: [{ typename: 'District', noun: { one: 'district', many: 'districts', zh: '县级行政区' }, table: districtTable, node: { key: 'code', pattern: /^[1-8][0-9]{5}$/ } }],
});
