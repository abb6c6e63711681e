import { defineModule } from '../../registry/registry-type';
import { ProvinceResolver } from './province.resolver';
import { provinceTable } from './province.service';

export default defineModule({
  resolvers: [ProvinceResolver],
  types: [{ typename: 'Province', noun: { one: 'province', many: 'provinces', zh: '省级行政区' }, table: provinceTable, node: { key: 'code', pattern: /^[1-8][0-9]0000$/ } }],
});
