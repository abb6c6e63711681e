import { Semaphore } from '../request-bounds';

const later = (ms: number) => Date.now() + ms;
const refused = () => new Error('no room in time');

describe('Semaphore (the heavy lane, the connections of one request)', () => {
  it('gives its slots at once, then serves waiters earliest deadline first, arrivals in order for equal deadlines', async () => {
    const lane = new Semaphore(1);
    const first = await lane.acquire(later(10_000), refused);
    const served: string[] = [];
    const wait = (name: string, deadline: number) => lane.acquire(deadline, refused).then((release) => {
      served.push(name);
      release();
    });
    const deadline = later(5_000);
    const all = Promise.all([wait('late', later(9_000)), wait('early', deadline), wait('early, second', deadline), wait('earliest', later(1_000))]);
    expect(lane.available).toBe(0);
    first();
    await all;
    // An older request's next statement goes before a newer request's first: requests finish one after another.
    expect(served).toEqual(['earliest', 'early', 'early, second', 'late']);
    expect(lane.available).toBe(1);
  });

  it('refuses a waiter at its deadline, and a release after that goes to the next one', async () => {
    const lane = new Semaphore(1);
    const held = await lane.acquire(later(10_000), refused);
    await expect(lane.acquire(later(30), refused)).rejects.toThrow('no room in time');
    const next = lane.acquire(later(10_000), refused);
    held();
    (await next)();
    expect(lane.available).toBe(1);
  });

  it('refuses, rather than hands a slot to, a waiter with no time left to use it, though its own timer has not fired yet', async () => {
    const lane = new Semaphore(1);
    const held = await lane.acquire(later(10_000), refused);
    const almostDue = lane.acquire(later(50), refused);
    const next = lane.acquire(later(10_000), refused);
    // Released before the waiter's timer can run (the event loop is busy in a real server).
    held();
    await expect(almostDue).rejects.toThrow('no room in time');
    (await next)();
    expect(lane.available).toBe(1);
  });

  it('counts a release once, however often it is called', async () => {
    const lane = new Semaphore(2);
    const release = await lane.acquire(later(1_000), refused);
    release();
    release();
    expect(lane.available).toBe(2);
  });
});
