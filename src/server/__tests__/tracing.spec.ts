import { traceIdOf, tracingRequested } from '../tracing';

describe('tracingRequested: the OTEL_* variables that turn tracing on', () => {
  it.each([
    [{}, false],
    [{ OTEL_SERVICE_NAME: 'registry' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'otlp' }, true],
  ] as Array<[NodeJS.ProcessEnv, boolean]>)('%j → %s', (env, on) => {
    expect(tracingRequested(env)).toBe(on);
  });
});

describe('traceIdOf: the trace id of a W3C traceparent, for the request log', () => {
  it.each([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '4bf92f3577b34da6a3ce929d0e0e4736'],
    [' 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 ', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', null],
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', null],
    ['not a traceparent', null],
    [undefined, null],
  ])('%s → %s', (header, id) => {
    expect(traceIdOf(header)).toBe(id);
  });
});
