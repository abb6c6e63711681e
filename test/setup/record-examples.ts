/**
 * One valid record of every writable registry type, and one change to it, for the suites that try
 * every type the same way (test/auth/role-matrix.int.spec.ts, test/modules/record-contract.int.spec.ts).
 * What each type is (table, payload field, who writes it, its bulk upsert) comes from its declaration;
 * only the example values are written here, and a type without one fails by name.
 */
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { registryTypes } from '../../src/modules';
import { testEnterprises } from './fixtures';
import { nodeId, sqlRows } from './queries';
import type { TestApp } from './test-app';

const NANJING = '320100';

/** What the examples refer to: a Nanjing enterprise and a source, set once the test's database is ready. */
export interface ExampleContext {
  enterpriseId: string;
  sourceId: string;
  /** A competition of the published data set, for the awards won at it. */
  skillCompetitionId: string;
}

/**
 * Fills the examples' context on the test's database: a Nanjing enterprise made for the test (the published data set
 * has none: its workforce unknown, no limit on the workers a contract covers), the first source and competition.
 */
export async function fillExampleContext(app: TestApp, context: ExampleContext): Promise<ExampleContext> {
  const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING);
  context.enterpriseId = nodeId('Enterprise', enterprise.id);
  const [source] = await sqlRows(app, 'SELECT id FROM source ORDER BY id LIMIT 1');
  context.sourceId = nodeId('Source', source.id);
  const [competition] = await sqlRows(app, 'SELECT id FROM skill_competition ORDER BY id LIMIT 1');
  context.skillCompetitionId = nodeId('SkillCompetition', competition.id);
  return context;
}

export interface WritableType {
  name: string;
  table: string;
  payload: string;
  /** Writable by city editors of the record's city (true) or by ADMIN alone (false). */
  cityKept: boolean;
  /** Its bulk upsert mutation, for the types city portals import. */
  upsert?: string;
  /** The Query field that lists it. */
  listField?: string;
  /** A new Nanjing record (city editors' own city). */
  create(): Record<string, unknown>;
  /** One field to change in an update. */
  change(): Record<string, unknown>;
}

let serial = 0;
const next = () => (serial += 1);

/** A fresh, well-formed credit code no enterprise has. */
function freshCreditCode(): string {
  const body = `91320100MX${String(next()).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

const EXAMPLES: Record<string, (c: ExampleContext) => Pick<WritableType, 'create' | 'change'>> = {
  Enterprise: () => ({
    create: () => ({ creditCode: freshCreditCode(), name: '矩阵企业', ownership: 'PRIVATE', cityCode: NANJING }),
    change: () => ({ name: `矩阵企业 ${next()}` }),
  }),
  InnovationStudio: (c) => ({
    create: () => ({ name: '矩阵工作室', kind: 'EMPLOYEE', enterpriseId: c.enterpriseId, cityCode: NANJING }),
    change: () => ({ name: `矩阵工作室 ${next()}` }),
  }),
  CraftsmanAcademy: () => ({ create: () => ({ name: '矩阵工匠学院', level: 'MUNICIPAL', cityCode: NANJING }), change: () => ({ name: `矩阵工匠学院 ${next()}` }) }),
  Craftsman: () => ({ create: () => ({ name: '矩阵工匠', level: 'MUNICIPAL', status: 'CANDIDATE', cityCode: NANJING }), change: () => ({ name: `矩阵工匠 ${next()}` }) }),
  CollectiveInnovationContract: (c) => ({
    create: () => ({ enterpriseId: c.enterpriseId, signedOn: '2025-01-01', termMonths: 12, workersCovered: 1, cityCode: NANJING }),
    change: () => ({ termMonths: 12 + (next() % 100) }),
  }),
  Goal: (c) => ({ create: () => ({ metric: 'INNOVATION_STUDIOS', target: 10, deadline: '2030-12-31', sourceId: c.sourceId, cityCode: NANJING }), change: () => ({ target: 11 + next() }) }),
  ReportedFigure: (c) => ({
    create: () => ({ metric: 'TRAINING_COURSES', value: 1, unit: 'COUNT', asOf: '2025-01-01', sourceId: c.sourceId, cityCode: NANJING }),
    change: () => ({ value: 2 + next() }),
  }),
  SkillCompetition: (c) => ({
    create: () => ({ name: '矩阵技能竞赛', organiserKind: 'ENTERPRISE', enterpriseId: c.enterpriseId, heldFrom: '2025-05-01', participants: 40, cityCode: NANJING }),
    change: () => ({ participants: 40 + next() }),
  }),
  TrainingProgramme: () => ({ create: () => ({ name: '矩阵工匠小课堂', providerKind: 'TRADE_UNION', sessionsHeld: 3, cityCode: NANJING }), change: () => ({ sessionsHeld: 3 + next() }) }),
  GrassrootsOrganisation: (c) => ({
    create: () => ({ name: '矩阵基层工会', kind: 'TRADE_UNION', enterpriseId: c.enterpriseId, members: 120, membersCountedOn: '2025-06-30', cityCode: NANJING }),
    change: () => ({ members: 120 + next() }),
  }),
  ReformAlliance: () => ({ create: () => ({ name: '矩阵产改联盟', area: '矩阵园区', memberEnterprises: 5, cityCode: NANJING }), change: () => ({ memberEnterprises: 5 + next() }) }),
  EnterpriseServiceRequest: (c) => ({
    create: () => ({ subject: '矩阵企业诉求', enterpriseId: c.enterpriseId, receivedOn: '2025-06-01', responseCommitmentHours: 24, responseHours: 6, cityCode: NANJING }),
    change: () => ({ responseHours: 6 + next() }),
  }),
  ReformDemonstration: (c) => ({ create: () => ({ name: '矩阵产改示范单位', level: 'MUNICIPAL', enterpriseId: c.enterpriseId, cityCode: NANJING }), change: () => ({ name: `矩阵产改示范单位 ${next()}` }) }),
  CompetitionAward: (c) => ({
    create: () => ({ skillCompetitionId: c.skillCompetitionId, winnerName: '矩阵获奖者', award: '一等奖', rank: 1, cityCode: NANJING }),
    change: () => ({ rank: 1 + next() }),
  }),
  Source: () => ({ create: () => ({ publisher: '矩阵', title: `矩阵报告 ${next()}`, publishedOn: '2025-01-01' }), change: () => ({ title: `矩阵报告 ${next()}` }) }),
};

/** Every writable registry type, as declared, with its example; throws naming a type that has none. */
export function writableTypes(context: ExampleContext): WritableType[] {
  return registryTypes().flatMap((type) => {
    if (!type.record) return [];
    const example = EXAMPLES[type.typename];
    if (!example) throw new Error(`test/setup/record-examples.ts has no example of ${type.typename}: add one to EXAMPLES`);
    return [
      {
        name: type.typename,
        table: type.record.table,
        payload: type.record.payloadField,
        cityKept: type.record.scope === 'CITY',
        upsert: type.import?.mutation,
        listField: type.export?.listField,
        ...example(context),
      },
    ];
  });
}
