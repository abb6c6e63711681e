/**
 * The reform's activities as the reports give them, answered by the registry's own types (issue 18):
 * each figure below is a query on competitions, training programmes, grassroots organisations, the
 * park's alliance and its requests, or demonstrations, against the published data set, with the
 * report it comes from. What a report states of a whole (a satisfaction rate, a participation rate)
 * and not of each record stays a published figure, and the registry's own rate says it has no evidence.
 */
import { PUBLISHED } from '../../seeds/published-data-set';
import { SOURCES } from '../../seeds/published/reports';
import { gql } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const WUHAN = '420100';
const FOSHAN = '440600';
const ZHENJIANG = '321100';
const NANJING = '320100';

/** The titles of the sources of a list's records, each once. */
const titlesOf = (nodes: Array<{ source: { title: string } | null }>) => [...new Set(nodes.map((n) => n.source?.title))];

it('Wuhan Heavy Industry: over 60 labour and skill competitions, organised by the enterprise (长江日报 2025-10-11)', async () => {
  const res = await gql(app, `{ enterprises(filter: { nameContains: "武汉重工" }) { nodes { name skillCompetitions(first: 100) { totalCount nodes { organiserKind heldFrom source { title publishedOn } } } } } }`);
  const [wuhanHeavy] = res.enterprises.nodes;
  expect(wuhanHeavy.skillCompetitions.totalCount).toBe(PUBLISHED.wuhanHeavyCompetitions);
  expect(PUBLISHED.wuhanHeavyCompetitions).toBe(60);
  expect(new Set(wuhanHeavy.skillCompetitions.nodes.map((n: any) => n.organiserKind))).toEqual(new Set(['ENTERPRISE']));
  // When each was held is not reported: unknown, not invented.
  expect(wuhanHeavy.skillCompetitions.nodes.every((n: any) => n.heldFrom === null)).toBe(true);
  expect(titlesOf(wuhanHeavy.skillCompetitions.nodes)).toEqual([SOURCES.wuhanHeavy.title]);
  // The report's own words stay beside the count: "over 60", and the 100% participation it gives of the whole.
  const figures = await gql(app, `{ reportedFigures(filter: { cityCode: "${WUHAN}", metrics: [SKILL_COMPETITIONS, SKILL_COMPETITION_PARTICIPATION] }) { nodes { metric value qualifier subject } } }`);
  expect(figures.reportedFigures.nodes).toEqual(
    expect.arrayContaining([
      { metric: 'SKILL_COMPETITIONS', value: 60, qualifier: 'AT_LEAST', subject: '武汉重工' },
      { metric: 'SKILL_COMPETITION_PARTICIPATION', value: 100, qualifier: 'EXACT', subject: '武汉重工' },
    ]),
  );
});

it('Foshan: over 160 vocational skill competitions, counted per city in one statistic (南方都市报 2025-09-30)', async () => {
  const res = await gql(app, `{ skillCompetitionStats(groupBy: [CITY], filter: { provinceCode: "440000" }) { cityCode count city { name } }
    skillCompetitions(first: 1, filter: { cityCode: "${FOSHAN}" }) { nodes { source { title } } } }`);
  expect(res.skillCompetitionStats).toEqual([{ cityCode: FOSHAN, count: 160, city: { name: '佛山' } }]);
  expect(PUBLISHED.foshanCompetitions).toBe(160);
  expect(titlesOf(res.skillCompetitions.nodes)).toEqual([SOURCES.foshan.title]);
});

it('Nanjing: 工匠小课堂 held 77 sessions for over 2,000 workers with 11 trade unions, run by 南京开放大学工匠学院 (扬子晚报网 2025-10-22)', async () => {
  const res = await gql(app, `{ trainingProgrammes(filter: { cityCode: "${NANJING}", nameContains: "工匠小课堂" }) { nodes {
      name providerKind providerName sessionsHeld participants tradeUnionsInvolved startedOn craftsmanAcademy { name } source { title } } }
    trainingProgrammeStats(groupBy: [CITY]) { cityCode count sessionsHeld participants tradeUnionsInvolved } }`);
  expect(res.trainingProgrammes.nodes).toEqual([
    {
      name: '工匠小课堂', providerKind: 'ACADEMY', providerName: '南京开放大学', sessionsHeld: 77, participants: 2000, tradeUnionsInvolved: 11,
      startedOn: null, craftsmanAcademy: { name: '南京开放大学工匠学院' }, source: { title: SOURCES.yangtse.title },
    },
  ]);
  expect(res.trainingProgrammeStats).toEqual([
    { cityCode: NANJING, count: 1, sessionsHeld: PUBLISHED.smallClassroomSessions, participants: PUBLISHED.smallClassroomParticipants, tradeUnionsInvolved: PUBLISHED.smallClassroomTradeUnions },
  ]);
});

it('Zhenjiang new-materials park: its reform alliance of 37 enterprises and 11 units (镇江日报 2025-11-04)', async () => {
  const res = await gql(app, `{ reformAlliances(filter: { cityCode: "${ZHENJIANG}" }) { nodes { name area memberEnterprises memberUnits foundedOn source { title } } } }`);
  expect(res.reformAlliances.nodes).toEqual([
    { name: '经开区新材料产业园产改联盟', area: '镇江经开区新材料产业园', memberEnterprises: 37, memberUnits: 11, foundedOn: null, source: { title: SOURCES.zhenjiangPark.title } },
  ]);
});

it('Zhenjiang new-materials park: 37 trade unions and 46 party branches (镇江日报 2025-11-04)', async () => {
  const res = await gql(app, `{ grassrootsOrganisationStats(groupBy: [KIND, PARK], filter: { cityCode: "${ZHENJIANG}" }) { kind park count members withMembers }
    grassrootsOrganisations(first: 100, filter: { park: "镇江经开区新材料产业园" }) { nodes { source { title } } } }`);
  const byKind = Object.fromEntries(res.grassrootsOrganisationStats.map((g: any) => [g.kind, g]));
  expect(byKind.TRADE_UNION).toEqual({ kind: 'TRADE_UNION', park: '镇江经开区新材料产业园', count: PUBLISHED.zhenjiangParkTradeUnions, members: null, withMembers: 0 });
  expect(byKind.PARTY_BRANCH).toMatchObject({ count: PUBLISHED.zhenjiangParkPartyBranches });
  expect([PUBLISHED.zhenjiangParkTradeUnions, PUBLISHED.zhenjiangParkPartyBranches]).toEqual([37, 46]);
  expect(titlesOf(res.grassrootsOrganisations.nodes)).toEqual([SOURCES.zhenjiangPark.title]);
});

it('Zhenjiang new-materials park: 47 enterprise requests received by the alliance under a 24-hour promise; no rating is recorded, so the 97% stays the report\'s (镇江日报 2025-11-04)', async () => {
  const res = await gql(app, `{ reformAlliances(filter: { cityCode: "${ZHENJIANG}" }) { nodes { enterpriseServiceRequests(first: 100) { totalCount nodes { responseCommitmentHours responseHours satisfaction source { title } } } } }
    enterpriseServiceRequestStats(groupBy: [CITY]) { cityCode count answered answeredWithinCommitment withinCommitmentRate rated satisfactionRate }
    reportedFigures(filter: { cityCode: "${ZHENJIANG}", metrics: [ISSUE_RESOLUTION_SATISFACTION] }) { nodes { value qualifier source { title } } } }`);
  const [alliance] = res.reformAlliances.nodes;
  expect(alliance.enterpriseServiceRequests.totalCount).toBe(PUBLISHED.zhenjiangParkRequests);
  expect(PUBLISHED.zhenjiangParkRequests).toBe(47);
  expect(new Set(alliance.enterpriseServiceRequests.nodes.map((n: any) => n.responseCommitmentHours))).toEqual(new Set([PUBLISHED.zhenjiangParkResponseHours]));
  expect(alliance.enterpriseServiceRequests.nodes.every((n: any) => n.responseHours === null && n.satisfaction === null)).toBe(true);
  expect(titlesOf(alliance.enterpriseServiceRequests.nodes)).toEqual([SOURCES.zhenjiangPark.title]);
  // Unknown is not zero: no request carries a response time or a rating, so the rates are null, not 0%.
  expect(res.enterpriseServiceRequestStats).toEqual([
    { cityCode: ZHENJIANG, count: 47, answered: 0, answeredWithinCommitment: 0, withinCommitmentRate: null, rated: 0, satisfactionRate: null },
  ]);
  expect(res.reportedFigures.nodes).toEqual([{ value: 97, qualifier: 'AT_LEAST', source: { title: SOURCES.zhenjiangPark.title } }]);
});

it('Wuhan Heavy Industry: recognised as a municipal reform demonstration (长江日报 2025-10-11)', async () => {
  const res = await gql(app, `{ reformDemonstrations(filter: { cityCode: "${WUHAN}", levels: [MUNICIPAL] }) { nodes { level recognisedOn recognisedBy enterprise { name } source { title } } } }`);
  expect(res.reformDemonstrations.nodes).toEqual([
    { level: 'MUNICIPAL', recognisedOn: null, recognisedBy: null, enterprise: { name: '武汉重工铸锻有限责任公司' }, source: { title: SOURCES.wuhanHeavy.title } },
  ]);
});

it('Wuhan Heavy Industry: its craftsmen carry their honorary titles, 荆楚工匠 and 武汉大城工匠 (长江日报 2025-10-11)', async () => {
  const res = await gql(app, `{ enterprises(filter: { nameContains: "武汉重工" }) { nodes { craftsmen(first: 10) { nodes { honoraryTitle level } } } } }`);
  const titles = res.enterprises.nodes[0].craftsmen.nodes.map((c: any) => `${c.level} ${c.honoraryTitle}`).sort();
  expect(titles).toEqual(['MUNICIPAL 武汉大城工匠', 'MUNICIPAL 武汉大城工匠', 'PROVINCIAL 荆楚工匠', 'PROVINCIAL 荆楚工匠']);
});

it("a competition's winners: a city editor records an award, linked to the craftsman where the winner is registered", async () => {
  const editor = (await app.createKey('CITY_EDITOR', WUHAN)).key;
  const res = await gql(app, `{ enterprises(filter: { nameContains: "武汉重工" }) { nodes { skillCompetitions(first: 1) { nodes { id } } craftsmen(first: 1, filter: { honoraryTitle: "荆楚工匠" }) { nodes { id name } } } } }`);
  const [competition] = res.enterprises.nodes[0].skillCompetitions.nodes;
  const [craftsman] = res.enterprises.nodes[0].craftsmen.nodes;
  const created = await app.graphqlAs(editor, `mutation ($input: CreateCompetitionAwardInput!) { createCompetitionAward(input: $input) { competitionAward { id } userErrors { field message } } }`, {
    input: { skillCompetitionId: competition.id, winnerName: craftsman.name, craftsmanId: craftsman.id, award: '一等奖', rank: 1 },
  });
  expect(created.data.createCompetitionAward.userErrors).toEqual([]);
  const read = await gql(app, `query ($c: ID!, $w: ID!) { c: node(id: $c) { ... on SkillCompetition { awards { totalCount nodes { winnerName award rank craftsman { id } } } } }
    w: node(id: $w) { ... on Craftsman { competitionAwards { nodes { skillCompetition { id } award } } } } }`, { c: competition.id, w: craftsman.id });
  expect(read.c.awards).toEqual({ totalCount: 1, nodes: [{ winnerName: craftsman.name, award: '一等奖', rank: 1, craftsman: { id: craftsman.id } }] });
  expect(read.w.competitionAwards.nodes).toEqual([{ skillCompetition: { id: competition.id }, award: '一等奖' }]);
  // Another city's editor cannot record it in Wuhan.
  const other = (await app.createKey('CITY_EDITOR', NANJING)).key;
  const refused = await app.graphqlAs(other, `mutation ($input: CreateCompetitionAwardInput!) { createCompetitionAward(input: $input) { competitionAward { id } userErrors { code } } }`, {
    input: { skillCompetitionId: competition.id, winnerName: '他人', cityCode: WUHAN },
  });
  expect(refused.data.createCompetitionAward).toEqual({ competitionAward: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
});

describe('goals on the new metrics', () => {
  it('counts competitions, unions and requests answered in time in a goal\'s scope, with the published figure beside the count', async () => {
    const admin = (await app.createKey('ADMIN')).key;
    const [source] = (await gql(app, `{ sources(first: 1) { nodes { id } } }`)).sources.nodes;
    const create = async (input: Record<string, unknown>) => {
      const res = await app.graphqlAs(admin, `mutation ($input: CreateGoalInput!) { createGoal(input: $input) { goal { id progress { current status evidence { registryRecords latestPublished { value qualifier } } } } userErrors { field message } } }`, {
        input: { sourceId: source.id, deadline: '2030-12-31', ...input },
      });
      expect(res.data.createGoal.userErrors).toEqual([]);
      return res.data.createGoal.goal.progress;
    };
    const competitions = await create({ metric: 'SKILL_COMPETITIONS', cityCode: FOSHAN, target: 200 });
    expect(competitions).toMatchObject({ current: 160, evidence: { registryRecords: 160, latestPublished: { value: 160, qualifier: 'AT_LEAST' } } });
    const unions = await create({ metric: 'TRADE_UNIONS', cityCode: ZHENJIANG, target: 40 });
    expect(unions).toMatchObject({ current: 37 });
    const branches = await create({ metric: 'PARTY_BRANCHES', cityCode: ZHENJIANG, target: 50 });
    expect(branches).toMatchObject({ current: 46 });
    // No request has a recorded response time: none is known to be answered in time (not a failure either).
    const inTime = await create({ metric: 'SERVICE_REQUESTS_ANSWERED_IN_TIME', cityCode: ZHENJIANG, target: 47 });
    expect(inTime).toMatchObject({ current: 0, status: 'NO_DATA' });
    const sessions = await create({ metric: 'TRAINING_SESSIONS', cityCode: NANJING, target: 100 });
    expect(sessions).toMatchObject({ current: 77 });
  });

  it('counts only what is new in a period (countsFrom): undated records are neither counted nor a shortfall', async () => {
    const admin = (await app.createKey('ADMIN')).key;
    const [source] = (await gql(app, `{ sources(first: 1) { nodes { id } } }`)).sources.nodes;
    const goal = `mutation ($input: CreateGoalInput!) { createGoal(input: $input) { goal { countsFrom progress { current status statusReason evidence { registryRecords periodUnknownRecords } } } userErrors { field message } } }`;
    const create = async (input: Record<string, unknown>) => (await app.graphqlAs(admin, goal, { input: { sourceId: source.id, metric: 'TRADE_UNIONS', ...input } })).data.createGoal;
    // "N new unions in 2026" in the Zhenjiang park's city: its 37 unions have no founding date, so none can be counted as new.
    const newIn2026 = await create({ cityCode: ZHENJIANG, target: 5, countsFrom: '2026-01-01', deadline: '2026-12-31' });
    expect(newIn2026.userErrors).toEqual([]);
    expect(newIn2026.goal).toEqual({
      countsFrom: '2026-01-01',
      progress: { current: 0, status: 'INSUFFICIENT_HISTORY', statusReason: 'UNDATED_RECORDS', evidence: { registryRecords: 0, periodUnknownRecords: 37 } },
    });
    // A union founded in the period counts; one founded before it is not read at all.
    const editor = (await app.createKey('CITY_EDITOR', ZHENJIANG)).key;
    for (const foundedOn of ['2026-03-01', '2025-06-01']) {
      const res = await app.graphqlAs(editor, `mutation ($input: CreateGrassrootsOrganisationInput!) { createGrassrootsOrganisation(input: $input) { userErrors { message } } }`, {
        input: { name: `新成立工会 ${foundedOn}`, kind: 'TRADE_UNION', foundedOn },
      });
      expect(res.data.createGrassrootsOrganisation.userErrors).toEqual([]);
    }
    const again = await create({ cityCode: ZHENJIANG, target: 5, countsFrom: '2026-01-01', deadline: '2026-12-31' });
    expect(again.goal.progress).toMatchObject({ current: 1, evidence: { registryRecords: 1, periodUnknownRecords: 37 } });
    // Without countsFrom every union counts, dated or not.
    const all = await create({ cityCode: ZHENJIANG, target: 50, deadline: '2030-12-31' });
    expect(all.goal.progress).toMatchObject({ current: 39, evidence: { registryRecords: 39, periodUnknownRecords: 0 } });
    // A period must begin before its deadline.
    const backwards = await create({ cityCode: ZHENJIANG, target: 5, countsFrom: '2027-01-01', deadline: '2026-12-31' });
    expect(backwards.userErrors).toEqual([expect.objectContaining({ field: 'countsFrom' })]);
  });

  it('refuses in PostgreSQL a goal on a metric no type declares', async () => {
    const [source] = (await gql(app, `{ sources(first: 1) { nodes { id } } }`)).sources.nodes;
    await expect(
      app.dataSource.query(`INSERT INTO goal (province_code, metric, target, deadline, source_id) VALUES ('320000', 'NO_SUCH_METRIC', 1, '2030-12-31', $1)`, [
        Number(Buffer.from(source.id, 'base64url').toString().split(':')[1]),
      ]),
    ).rejects.toMatchObject({ constraint: 'goal_metric_fkey' });
  });
});
