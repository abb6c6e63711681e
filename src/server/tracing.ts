import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { RequestContext } from '../graphql/context';

/**
 * OpenTelemetry traces (the official @opentelemetry packages), configured by the standard OTEL_* variables:
 * on when an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) and
 * OTEL_TRACES_EXPORTER is not `none` (nor OTEL_SDK_DISABLED true); then every request is a span (HTTP), with
 * GraphQL's parse, validate and execute under it, each SQL statement (its text, which holds the statement's
 * shape: values travel as parameters and are never recorded) and each export's rows. Off, none of this code
 * runs: the SDK is not even loaded, the spans are never started (`tracer` is null), and a request costs what it
 * did before (measured in `npm run bench`).
 */
let tracer: Tracer | null = null;

/** The tracer when tracing is on; null when it is off, and every caller then skips its span work. */
export const activeTracer = (): Tracer | null => tracer;

export interface Tracing {
  /** Sends the spans still buffered, then stops: called on shutdown. */
  shutdown(): Promise<void>;
}

/** The registry's version (package.json's), found from here up: src/server under ts-node, dist/src/server compiled. */
function registryVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'reform-registry') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

/** Whether the OTEL_* variables ask for traces (the exporter's own variables configure the rest). */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (String(env.OTEL_SDK_DISABLED).toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',').map((e) => e.trim().toLowerCase());
  if (exporters.includes('none')) return false;
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts the SDK if the environment asks for it: OTLP over HTTP, protobuf (the specification's default) or
 * JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json); W3C trace context (`traceparent`) in and out; the sampler
 * from OTEL_TRACES_SAMPLER (parent-based, always on, by default); the service named by OTEL_SERVICE_NAME
 * (default reform-registry) and OTEL_RESOURCE_ATTRIBUTES.
 */
export function startTracing(log: Logger, env: NodeJS.ProcessEnv = process.env): Tracing | null {
  if (!tracingRequested(env)) return null;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { detectResources, envDetector, resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf').trim();
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL '${protocol}' is not supported here: use http/protobuf (the default) or http/json`);
  }
  const { OTLPTraceExporter } = (protocol === 'http/json' ? require('@opentelemetry/exporter-trace-otlp-http') : require('@opentelemetry/exporter-trace-otlp-proto')) as typeof import('@opentelemetry/exporter-trace-otlp-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const version = registryVersion();
  const resource = resourceFromAttributes({ 'service.name': 'reform-registry', 'service.version': version }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  tracer = trace.getTracer('reform-registry', version);
  log.info({ protocol, endpoint: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'tracing on: spans exported over OTLP');
  return {
    async shutdown() {
      tracer = null;
      await provider.shutdown();
    },
  };
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The trace id of a W3C `traceparent` header, for the request log even when tracing is off; null if none or malformed. */
export function traceIdOf(traceparent: string | undefined): string | null {
  const id = traceparent ? TRACEPARENT.exec(traceparent.trim())?.[1] : undefined;
  return id && !/^0+$/.test(id) ? id : null;
}

/** The route a request's span is named by: its path with the variable part (a file, a type) left out. */
function routeOf(req: Request): string {
  const path = req.originalUrl.split('?')[0];
  if (path.startsWith('/export/')) return path.startsWith('/export/stats/') ? '/export/stats/:file' : '/export/:file';
  if (path.startsWith('/import/')) return '/import/:type';
  return path.slice(0, 100);
}

/**
 * A server span per API request, continuing the caller's trace (`traceparent`), active while the request is
 * handled so that what it does is recorded under it; its trace id goes to the request log (res.locals.traceId).
 * No query string, header value or body is recorded: a request's values never reach a span.
 */
export function traceRequests() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const active = tracer;
    if (!active) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const route = routeOf(req);
    const span = active.startSpan(`${req.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': req.originalUrl.split('?')[0].slice(0, 200), 'http.route': route, 'registry.request_id': String(res.locals.requestId ?? '') },
    }, parent);
    res.locals.traceId = span.spanContext().traceId;
    const end = () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', () => {
      if (!res.writableFinished) span.setAttribute('registry.aborted', true);
      end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** A span ended when `work` settles, its error recorded; `work` runs with it active. Tracing off: just `work`. */
export async function inSpan<T>(name: string, attributes: Attributes, work: (span: Span | null) => Promise<T>, parent?: Context): Promise<T> {
  const active = tracer;
  if (!active) return work(null);
  const span = active.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, parent ?? context.active());
  try {
    return await context.with(trace.setSpan(parent ?? context.active(), span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

const MAX_STATEMENT_CHARS = 4000;

/**
 * A span for one SQL statement: named by its first keyword (SELECT, INSERT, WITH …), its text (the shape:
 * values are bound parameters, `$1`…, and are not recorded), under `parent` (the GraphQL execution) or the
 * active span. Tracing off: just `run`.
 */
export function traceStatement<T>(text: string, prepared: string | undefined, run: () => Promise<T>, parent?: Context): Promise<T> {
  if (!tracer) return run();
  const operation = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  return inSpan(
    operation,
    { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.query.text': text.length > MAX_STATEMENT_CHARS ? `${text.slice(0, MAX_STATEMENT_CHARS)}…` : text, ...(prepared ? { 'db.query.prepared_name': prepared } : {}) },
    run,
    parent,
  );
}

/**
 * GraphQL's phases as spans under the request's: parse, validate and execute (with the operation's type and
 * name, the errors' codes); the statements of the execution go under its span (RequestDb.traceParent).
 * Request-level hooks only: no per-field hook (which would cost on every field of every request).
 */
export function graphqlSpans(): ApolloServerPlugin<RequestContext> {
  const phase = (name: string, attributes: Attributes = {}): ((error?: unknown) => Span | null) => {
    const active = tracer;
    if (!active) return () => null;
    const span = active.startSpan(name, { attributes }, context.active());
    return (error) => {
      if (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
      return span;
    };
  };
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          const end = phase('graphql.parse');
          return async (error) => void end(error);
        },
        async validationDidStart() {
          const end = phase('graphql.validate');
          return async (errors) => void end(errors?.[0]);
        },
        async executionDidStart({ operation, operationName, contextValue }) {
          const active = tracer;
          if (!active) return;
          const span = active.startSpan('graphql.execute', { attributes: { 'graphql.operation.type': operation.operation, ...(operationName ? { 'graphql.operation.name': operationName } : {}) } }, context.active());
          contextValue.db.traceParent = trace.setSpan(context.active(), span);
          return {
            async executionDidEnd(error) {
              if (error) {
                span.recordException(error);
                span.setStatus({ code: SpanStatusCode.ERROR });
              }
              span.end();
            },
          };
        },
        async willSendResponse({ response }) {
          if (!tracer || response.body.kind !== 'single') return;
          const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code).filter((c): c is string => typeof c === 'string');
          if (codes.length) trace.getSpan(context.active())?.setAttribute('graphql.error.codes', [...new Set(codes)]);
        },
      };
    },
  };
}
