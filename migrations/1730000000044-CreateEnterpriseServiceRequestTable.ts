import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegistryTable, dropRegistryTable, registryView, UNKNOWN, type RegistryTable } from './support/registry-table';

/** Requests enterprises bring (企业诉求): src/modules/enterprise-service-request. */
const TABLE: RegistryTable = {
  name: 'enterprise_service_request',
  recordType: 'EnterpriseServiceRequest',
  scope: 'CITY',
  underEnterprise: true,
  columns: [
    'subject text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 500)',
    'reform_alliance_id integer REFERENCES reform_alliance (id)',
    'received_on date',
    'response_commitment_hours integer CHECK (response_commitment_hours BETWEEN 1 AND 8760)',
    'response_hours numeric CHECK (response_hours >= 0)',
    'resolved_on date CHECK (resolved_on >= received_on)',
    `satisfaction text CHECK (satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'))`,
  ],
  indexes: [
    ['enterprise_service_request_reform_alliance_id_idx', 'reform_alliance_id, id'],
    ['enterprise_service_request_received_on_idx', 'received_on, id'],
  ],
  searched: ['subject'],
  biView: registryView({
    table: 'enterprise_service_request',
    comment: 'Requests enterprises brought (企业诉求), with the response promised and taken, resolution and satisfaction; active records only.',
    select: `t.subject, t.reform_alliance_id, a.name AS reform_alliance_name, t.received_on, t.response_commitment_hours, t.response_hours,
      t.response_hours <= t.response_commitment_hours AS answered_within_commitment, t.resolved_on, t.satisfaction, t.enterprise_id, e.name AS enterprise_name`,
    joins: 'LEFT JOIN reform_alliance a ON a.id = t.reform_alliance_id LEFT JOIN enterprise e ON e.id = t.enterprise_id',
    columns: {
      subject: 'What the enterprise asked for (诉求事项)',
      reform_alliance_id: `The alliance that received it (受理联盟): bi.reform_alliance.id; ${UNKNOWN}`,
      reform_alliance_name: 'Name of the alliance (联盟名称)',
      received_on: `Day received (受理日期); ${UNKNOWN}`,
      response_commitment_hours: `Hours within which a first answer was promised (承诺反馈时限); ${UNKNOWN}`,
      response_hours: `Hours taken to the first answer (实际反馈用时); ${UNKNOWN}`,
      answered_within_commitment: `True when answered within the promise (按时反馈); empty when either is unknown`,
      resolved_on: `Day resolved (办结日期); ${UNKNOWN}`,
      satisfaction: `Rating (满意度): SATISFIED 满意, BASICALLY_SATISFIED 基本满意, DISSATISFIED 不满意; ${UNKNOWN}`,
      enterprise_id: `The enterprise that made it (提出企业): bi.enterprise.id; ${UNKNOWN}`,
    },
  }),
  goalMetrics: {
    ENTERPRISE_SERVICE_REQUESTS: 'Enterprise service requests received (受理企业诉求).',
    SERVICE_REQUESTS_ANSWERED_IN_TIME: 'Enterprise service requests answered within the promised hours (按时反馈的企业诉求).',
  },
};

export class CreateEnterpriseServiceRequestTable1730000000044 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await createRegistryTable(q, TABLE);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropRegistryTable(q, TABLE);
  }
}
