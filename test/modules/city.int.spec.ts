import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('the Nanjing studio question', () => {
  it('answers the published query exactly as written', async () => {
    const res = await app.graphql(
      '{ city(code: "320100") { name innovationStudios { totalCount } goals(metric: INNOVATION_STUDIOS) { target deadline progress { current ratio } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      city: {
        name: '南京',
        innovationStudios: { totalCount: 598 },
        goals: [{ target: 1000, deadline: '2026-12-31', progress: { current: 598, ratio: 0.598 } }],
      },
    });
  });
});
