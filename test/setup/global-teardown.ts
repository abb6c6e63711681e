export default async function globalTeardown(): Promise<void> {
  await globalThis.__REGISTRY_TEST_PG__?.stop();
}
