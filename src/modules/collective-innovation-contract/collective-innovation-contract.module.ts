import { defineModule } from '../../registry/registry-type';
import { COLLECTIVE_CONTRACT_DATED_BY } from './collective-innovation-contract.service';
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
      goalMetrics: {
        COLLECTIVE_CONTRACTS: { description: 'Collective innovation contracts (技术创新集体合同).', table: 'collective_innovation_contract', dated: COLLECTIVE_CONTRACT_DATED_BY, publishedAs: 'COLLECTIVE_CONTRACTS' },
        WORKERS_COVERED: {
          description: 'Workers covered by collective innovation contracts (覆盖职工人数).',
          table: 'collective_innovation_contract',
          dated: COLLECTIVE_CONTRACT_DATED_BY,
          summed: 't.workers_covered',
          publishedAs: 'WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS',
        },
      },
    },
  ],
});
