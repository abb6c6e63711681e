import { defineModule } from '../../registry/registry-type';
import { collectiveInnovationContractResolvers } from './collective-innovation-contract.resolver';
import { collectiveInnovationContractTable } from './collective-innovation-contract.service';
import { collectiveInnovationContractRecord } from './collective-innovation-contract.writes';

export default defineModule({
  resolvers: collectiveInnovationContractResolvers,
  types: [
    {
      typename: 'CollectiveInnovationContract',
      noun: { one: 'collective contract', many: 'collective contracts', zh: '技术创新集体合同' },
      table: collectiveInnovationContractTable,
      node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
      record: collectiveInnovationContractRecord,
      import: { slug: 'collective-innovation-contracts', mutation: 'upsertCollectiveInnovationContracts' },
      export: { slug: 'collective-contracts', aliases: ['collective-innovation-contracts'], listField: 'collectiveContracts', statsField: 'collectiveContractStats' },
    },
  ],
});
