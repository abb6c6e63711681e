import { chineseTermOf } from '../chinese-term';

describe('chineseTermOf', () => {
  it.each([
    ['Registered name in Chinese (企业名称).', '企业名称'],
    ['City division code (所属城市): a city editor’s own city when not given.', '所属城市'],
    ['Hours within which a first answer was promised (承诺反馈时限，小时), e.g. 24.', '承诺反馈时限'],
    ['Members (会员/党员人数), where known.', '会员/党员人数'],
    ['Full-width parentheses（工匠学院）too.', '工匠学院'],
    ['A code, e.g. "320102" (GB/T 2260), then the term (区县).', '区县'],
  ])('%s → %s', (description, term) => {
    expect(chineseTermOf(description)).toBe(term);
  });

  it('gives null where no parenthesis holds Chinese', () => {
    for (const description of ['English name, where known.', 'Filter (optional).', '', null, undefined]) expect(chineseTermOf(description)).toBeNull();
  });
});
