/**
 * GraphiQL must work on networks without internet: every asset comes from us, and the
 * route must not swallow API traffic. A bare app with only the router, no database.
 */
import express from 'express';
import request from 'supertest';
import { parse, stripIgnoredCharacters } from 'graphql';
import { graphiqlRouter } from '../../src/server/graphiql';
import { EXAMPLE_QUERIES } from '../../src/server/example-queries';

const NANJING_QUERY =
  '{ city(code: "320100") { name innovationStudios { totalCount } goals(metric: INNOVATION_STUDIOS) { target deadline progress { current ratio } } } }';

/** A URL that leaves our origin: absolute http(s) or protocol-relative. */
const EXTERNAL = /^(https?:|\/\/)/i;

function makeApp() {
  const app = express();
  app.use(graphiqlRouter());
  // Stands in for the GraphQL API mounted after the router.
  app.use('/graphql', (_req, res) => {
    res.status(404).json({ fallthrough: true });
  });
  return app;
}

describe('graphiqlRouter', () => {
  const app = makeApp();

  it('serves an HTML page with only same-origin assets, all of which load', async () => {
    const res = await request(app).get('/graphql').set('Accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^<!doctype html>/i);
    expect(res.text).toContain('<html lang="zh-CN">');
    expect(res.text).toContain('<title>Reform Registry · GraphiQL (产改登记平台)</title>');
    expect(res.text).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);

    const refs = [...res.text.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThanOrEqual(5);
    expect(refs.filter((url) => EXTERNAL.test(url))).toEqual([]);

    for (const url of refs) {
      expect(url).toMatch(/^\/graphiql\//);
      const asset = await request(app).get(url).buffer(true).expect(200);
      expect(asset.headers['content-type']).toMatch(/^(text\/css|text\/javascript|application\/javascript)/);
      expect(asset.headers['cache-control']).toBe('public, max-age=86400');
      expect(asset.text.length).toBeGreaterThan(0);
    }
    expect(refs.some((url) => url.startsWith('/graphiql/init.js'))).toBe(true);
  });

  it('has no external URLs in our init script', async () => {
    const res = await request(app).get('/graphiql/init.js').expect(200);
    expect(res.text).not.toMatch(/https?:\/\/|["'`(]\/\/[^\s/]/);
    expect(res.text).toContain('GraphiQL.createFetcher');
  });

  it.each([
    ['Accept: application/json', '/graphql', 'application/json'],
    ['no Accept preference', '/graphql', '*/*'],
    ['a ?query= even from a browser', '/graphql?query=%7B__typename%7D', 'text/html'],
  ])('passes %s on to the API', async (_name, url, accept) => {
    const res = await request(app).get(url).set('Accept', accept).expect(404);
    expect(res.body).toEqual({ fallthrough: true });
  });

  it('serves the example queries, Nanjing first, each valid GraphQL', async () => {
    const res = await request(app).get('/graphiql/examples.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const examples = res.body as Array<{ title: string; description: string; query: string }>;
    expect(examples.map((e) => e.title)).toEqual(EXAMPLE_QUERIES.map((e) => e.title));
    expect(examples.map((e) => e.title)).toEqual(expect.arrayContaining([expect.stringContaining('月度趋势'), expect.stringContaining('目标预测')]));
    expect(stripIgnoredCharacters(examples[0].query)).toBe(stripIgnoredCharacters(NANJING_QUERY));
    for (const example of examples) {
      expect(example.title).toBeTruthy();
      expect(example.description).toMatch(/[\u4e00-\u9fff]/); // has the Chinese half
      expect(() => parse(example.query)).not.toThrow();
    }
  });
});
