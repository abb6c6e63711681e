// autocannon ships no types; the bench uses this much of it.
declare module 'autocannon' {
  interface Histogram { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number; p2_5: number; p97_5: number }
  interface Result { requests: Histogram; latency: Histogram; throughput: Histogram; errors: number; timeouts: number; non2xx: number; duration: number; '2xx': number }
  interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: Request) => Request; onResponse?: (status: number, body: string) => void }
  interface Options { url: string; connections?: number; duration?: number; timeout?: number; amount?: number; pipelining?: number; requests?: Request[]; headers?: Record<string, string> }
  function autocannon(options: Options): Promise<Result> & { stop(): void };
  export = autocannon;
}
